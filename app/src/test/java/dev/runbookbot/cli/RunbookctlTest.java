package dev.runbookbot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.expr.cel.CelConditionLanguage;
import dev.runbookbot.incident.IncidentQueries;
import dev.runbookbot.lint.Linter;
import dev.runbookbot.runbook.schema.RunbookSchema;
import dev.runbookbot.secrets.MasterKeys;
import dev.runbookbot.store.JdbiSecretStore;
import dev.runbookbot.testing.FakeDiagnosticTypes;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code runbookctl} run in-process: exit codes and exactly what it prints. */
class RunbookctlTest {
    private static final Path BROKEN = Path.of("src", "test", "resources", "broken");

    /** These commands never read the bot's database. */
    static final StoreReader UNUSED_STORE = new StoreReader() {
        @Override
        public <T> T read(Path database, Function<? super IncidentQueries, ? extends T> query) {
            throw new AssertionError("this command must not read the database");
        }
    };

    /** The outcome of one run. */
    record Run(int exitCode, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    private static CliContext context() {
        return new CliContext(
                () -> new Linter(FakeDiagnosticTypes.all(), new CelConditionLanguage()),
                UNUSED_STORE,
                () -> Path.of("unused.db"),
                JdbiSecretStore::withFile,
                MasterKeys::none,
                new SecretInput(InputStream.nullInputStream(), null),
                () -> "test");
    }

    /** As {@code Main} runs it: the command line built for these arguments. */
    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Runbookctl.commandLine(context(), args);
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int exitCode = commandLine.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    @Test
    void aSubcommandIsBuiltAloneWhileUsageAndHelpSeeThemAll() {
        assertEquals(
                List.of("help", "lint"),
                List.copyOf(Runbookctl.commandLine(context(), "lint", "runbooks/")
                        .getSubcommands()
                        .keySet()));
        List<String> all =
                List.copyOf(Runbookctl.commandLine(context()).getSubcommands().keySet());
        assertEquals(14, all.size(), all.toString()); // help and the thirteen of Runbookctl.subcommands
        for (String[] args : List.of(new String[] {}, new String[] {"--help"}, new String[] {"help", "lint"})) {
            assertEquals(
                    all,
                    List.copyOf(Runbookctl.commandLine(context(), args)
                            .getSubcommands()
                            .keySet()));
        }
    }

    @Test
    void lintOfTheBrokenRunbooksFailsWithOnePreciseLinePerProblem() throws IOException {
        Run run = run("lint", BROKEN.toString());
        assertEquals(1, run.exitCode(), run.out());
        List<String> expected = new ArrayList<>();
        int files = 0;
        try (Stream<Path> fixtures = Files.list(BROKEN)) {
            for (Path fixture : fixtures.sorted().toList()) {
                files++;
                for (String line : Files.readAllLines(fixture)) {
                    if (line.startsWith("# expect: ")) {
                        expected.add(fixture.getFileName() + ":" + line.substring("# expect: ".length()));
                    }
                }
            }
        }
        long warnings = expected.stream().filter(l -> l.contains(": warning: ")).count();
        expected.add(files + " runbooks checked: " + (expected.size() - warnings) + " errors, " + warnings + " warning"
                + (warnings == 1 ? "" : "s"));
        // the fixtures write paths without their directory
        assertEquals(
                expected,
                run.lines().stream().map(l -> l.replace(BROKEN + "/", "")).toList());
        assertEquals("", run.err());
    }

    @Test
    void warningsPassUnlessStrict() {
        Path seedStyle = BROKEN.resolve("seed-condition.yaml");
        Run lenient = run("lint", seedStyle.toString());
        assertEquals(0, lenient.exitCode(), lenient.out());
        assertEquals(
                List.of(
                        seedStyle + ":20:16: warning: '===' is JavaScript; this condition was read as:"
                                + " diagnostics.check_errors.status == 'critical'",
                        "1 runbook checked: 0 errors, 1 warning"),
                lenient.lines());
        assertEquals(1, run("lint", "--strict", seedStyle.toString()).exitCode());
    }

    @Test
    void lintOfACleanFileSucceeds(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("ok.yaml");
        Files.writeString(
                file,
                Files.readString(BROKEN.resolve("seed-condition.yaml"))
                        .replace("status === 'critical'", "status == 'critical'"));
        Run run = run("lint", file.toString());
        assertEquals(0, run.exitCode(), run.out());
        assertEquals(List.of("1 runbook checked: 0 errors, 0 warnings"), run.lines());
    }

    @Test
    void lintReportsMissingFilesAndEmptyDirectories(@TempDir Path dir) {
        Run missing = run("lint", dir.resolve("nope.yaml").toString());
        assertEquals(1, missing.exitCode());
        assertEquals(
                List.of(
                        dir.resolve("nope.yaml") + ":1:1: error: no such file",
                        "1 runbook checked: 1 error, 0 warnings"),
                missing.lines());
        Run empty = run("lint", dir.toString());
        assertEquals(1, empty.exitCode());
        assertEquals(List.of("error: no runbook files (*.yaml, *.yml) in [" + dir + "]"), empty.lines());
    }

    @Test
    void lintNeedsAPath() {
        Run run = run("lint");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("Missing required parameter: 'PATH'"), run.err());
    }

    @Test
    void schemaPrintsTheJsonSchema() {
        Run run = run("schema");
        assertEquals(0, run.exitCode());
        assertEquals(RunbookSchema.json(), run.out());
    }

    @Test
    void withoutASubcommandItPrintsUsageAndExits2() {
        Run run = run();
        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("Usage: runbookctl"), run.err());
        assertTrue(run.err().contains("lint"), run.err());
        assertTrue(run.err().contains("schema"), run.err());
        assertEquals(0, run("--help").exitCode());
    }

    @Test
    void everySubcommandIsRegisteredInTheRoot() {
        String usage = run("--help").out();
        for (String subcommand : List.of("lint", "schema", "incidents", "timeline", "report", "store")) {
            assertTrue(usage.contains("  " + subcommand + " "), subcommand + " in\n" + usage);
            Run help = run(subcommand, "--help");
            assertEquals(0, help.exitCode(), subcommand);
            assertTrue(help.out().startsWith("Usage: runbookctl " + subcommand), help.out());
        }
    }
}
