package dev.runbookbot.cli;

import dev.runbookbot.decide.DiagnosisReport;
import dev.runbookbot.diagnose.RunListener;
import dev.runbookbot.diagnose.recorded.Recording;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.runbook.ParameterBinder;
import dev.runbookbot.runbook.ParameterException;
import dev.runbookbot.runbook.Problem;
import dev.runbookbot.runbook.RunbookSpec;
import dev.runbookbot.runbooktest.CaseCheck;
import dev.runbookbot.runbooktest.CaseCheck.Mismatch;
import dev.runbookbot.runbooktest.RunbookTestFile;
import dev.runbookbot.runbooktest.TestCase;
import dev.runbookbot.runbooktest.TestFileReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code runbookctl test runbooks/}: runs the runbook tests ({@code runbooks/tests/*.test.yaml}, see
 * docs/runbook-tests.md) like {@code promtool test rules}: each case's steps read their recorded results, the real
 * interpret conditions and decision tree run over them, and the outcome is compared with the case's expectation. Prints
 * one line per failing case ({@code file:line:col: FAIL case 'name': key: expected X, got Y; ...}) and the summary
 * {@code N passed, N failed}.
 *
 * <p>Like {@code simulate}, it holds only a {@link dev.runbookbot.decide.Diagnoser} over recorded executors: a test
 * never reaches a live system and cannot remediate (ArchitectureTest states it). Exit 0 when every case passes, 1 when
 * one fails, 2 for a usage error or a test file that cannot be read (its problems as {@code file:line:col}).
 */
@Command(
        name = "test",
        mixinStandardHelpOptions = true,
        description = {
            "Run runbook tests: recorded step results in, expected verdict, decisions and plan out.",
            "A directory means its tests/*.test.yaml (or the *.test.yaml directly in it); the runbooks are the"
                    + " directory that holds tests/.",
            "Exit: 0 every case passed, 1 a case failed, 2 usage error or an unreadable test file."
        })
final class TestCommand implements Callable<Integer> {
    static final String SUFFIX = ".test.yaml";

    private final DiagnosisSetup setup;

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Runbook directories, tests directories or files.")
    private List<Path> paths;

    @Option(
            names = "--runbooks",
            paramLabel = "DIR",
            description = "The runbooks the tests are for (default: the directory that holds tests/).")
    private Path runbooksDir;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "Configuration file (default: $RUNBOOK_CONFIG, else ./runbook-bot.yaml if present).")
    private Path configFile;

    @Option(
            names = {"-v", "--verbose"},
            description = "Print a line for each passing case too.")
    private boolean verbose;

    TestCommand(DiagnosisSetup setup) {
        this.setup = setup;
    }

    /** The test files found, grouped by the runbook directory they test. */
    private record Found(Map<Path, List<Path>> byRunbooks, List<String> problems) {}

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Found found = find();
        for (String problem : found.problems()) {
            err.println("runbookctl test: " + problem);
        }
        if (!found.problems().isEmpty()) {
            err.flush();
            return 2;
        }
        Optional<Path> config = Optional.ofNullable(configFile);
        TestFileReader reader = new TestFileReader();
        int passed = 0;
        int failed = 0;
        boolean unreadable = false;
        for (Map.Entry<Path, List<Path>> group : found.byRunbooks().entrySet()) {
            LintedRunbooks runbooks;
            try (DiagnosisSession session = setup.recorded(config, new Recording(group.getKey(), Map.of()))) {
                runbooks = LintedRunbooks.load(group.getKey(), session.linter());
            }
            for (Path file : group.getValue()) {
                TestFileReader.Result read = reader.read(file);
                if (read instanceof TestFileReader.Result.Broken broken) {
                    broken.problems().forEach(p -> out.println(p.format()));
                    unreadable = true;
                    continue;
                }
                RunbookTestFile tests = ((TestFileReader.Result.Read) read).file();
                Optional<RunbookSpec> runbook = runbookOf(out, tests, runbooks);
                if (runbook.isEmpty()) {
                    unreadable = true;
                    continue;
                }
                for (TestCase testCase : tests.cases()) {
                    List<Mismatch> mismatches = run(config, runbooks, runbook.get(), testCase);
                    if (mismatches.isEmpty()) {
                        passed++;
                        if (verbose) {
                            out.println(testCase.location() + ": ok case '" + testCase.name() + "'");
                        }
                    } else {
                        failed++;
                        out.println(mismatches.get(0).location() + ": FAIL case '" + testCase.name() + "': "
                                + String.join(
                                        "; ",
                                        mismatches.stream()
                                                .map(Mismatch::message)
                                                .toList()));
                    }
                }
            }
        }
        out.println(passed + " passed, " + failed + " failed");
        out.flush();
        if (unreadable) {
            return 2;
        }
        return failed > 0 ? 1 : 0;
    }

    /** The usable runbook a test file names; a broken or unknown one is reported and its cases are not run. */
    private static Optional<RunbookSpec> runbookOf(PrintWriter out, RunbookTestFile tests, LintedRunbooks runbooks) {
        Optional<RunbookSpec> usable = runbooks.usable().byId(tests.runbook());
        if (usable.isPresent()) {
            return usable;
        }
        Optional<RunbookSpec> broken = runbooks.everything().byId(tests.runbook());
        if (broken.isPresent()) {
            List<Problem> errors = runbooks.errorsOf(broken.get());
            out.println(tests.runbookLocation() + ": error: runbook '" + tests.runbook() + "' has lint errors, so its "
                    + tests.cases().size() + " cases cannot run"
                    + (errors.isEmpty() ? "" : ": " + errors.get(0).format()));
        } else {
            List<String> close = runbooks.everything().suggestIds(tests.runbook());
            out.println(tests.runbookLocation() + ": error: no runbook '" + tests.runbook() + "' in "
                    + runbooks.directory()
                    + (close.isEmpty() ? "" : "; did you mean " + String.join(" or ", close) + "?"));
        }
        return Optional.empty();
    }

    private List<Mismatch> run(Optional<Path> config, LintedRunbooks runbooks, RunbookSpec runbook, TestCase testCase) {
        List<Mismatch> mismatches = new ArrayList<>(CaseCheck.recorded(testCase, runbook));
        if (!mismatches.isEmpty()) {
            return mismatches;
        }
        TemplateContext inputs;
        try {
            TemplateContext bound =
                    ParameterBinder.bind(runbook, testCase.params(), testCase.labels(), testCase.annotations());
            inputs = testCase.now().map(bound::withNow).orElse(bound);
        } catch (ParameterException e) {
            return List.of(new Mismatch(testCase.location(), "parameters: " + String.join("; ", e.problems())));
        }
        Optional<RunbookSpec> routed = Optional.ofNullable(testCase.labels().get("alertname"))
                .flatMap(name -> runbooks.usable().forAlert(name, testCase.labels()));
        try (DiagnosisSession session = setup.recorded(config, testCase.results())) {
            DiagnosisReport report = session.diagnoser().diagnose(runbook, inputs, RunListener.NONE);
            return CaseCheck.compare(testCase, routed, report);
        }
    }

    private Found find() {
        Map<Path, List<Path>> byRunbooks = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                Path tests = Files.isDirectory(path.resolve("tests")) ? path.resolve("tests") : path;
                List<Path> files = testFiles(tests, problems);
                if (files.isEmpty()) {
                    problems.add(
                            "no test files (*" + SUFFIX + ") in " + tests + (tests.equals(path) ? "" : " for " + path));
                }
                Path dir = runbooksDir != null ? runbooksDir : tests.equals(path) ? parentOf(path) : path;
                byRunbooks.computeIfAbsent(dir, d -> new ArrayList<>()).addAll(files);
            } else if (Files.isRegularFile(path)) {
                Path dir = runbooksDir != null ? runbooksDir : parentOf(parentOf(path));
                byRunbooks.computeIfAbsent(dir, d -> new ArrayList<>()).add(path);
            } else {
                problems.add("no such file or directory: " + path);
            }
        }
        for (Path dir : byRunbooks.keySet()) {
            if (!Files.isDirectory(dir)) {
                problems.add("runbook directory " + dir + " does not exist; name it with --runbooks DIR");
            }
        }
        return new Found(byRunbooks, problems);
    }

    private static Path parentOf(Path path) {
        Path parent = path.toAbsolutePath().normalize().getParent();
        return parent == null ? path : parent;
    }

    private static List<Path> testFiles(Path dir, List<String> problems) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(SUFFIX) && Files.isRegularFile(f))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            problems.add("cannot list " + dir + ": " + e.getMessage());
            return List.of();
        }
    }
}
