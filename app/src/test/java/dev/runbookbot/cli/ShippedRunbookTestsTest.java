package dev.runbookbot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.diagnose.Outcome;
import dev.runbookbot.runbook.LoadedRunbook;
import dev.runbookbot.runbook.RunbookSpec;
import dev.runbookbot.runbook.load.RunbookLoader;
import dev.runbookbot.runbooktest.RunbookTestFile;
import dev.runbookbot.runbooktest.TestCase;
import dev.runbookbot.runbooktest.TestFileReader;
import dev.runbookbot.runtime.CommandLineWiring;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Every shipped runbook has tests in {@code runbooks/tests/<id>.test.yaml} that pass, drive each of its decisions,
 * and include a case where a step has no data and one where a step fails; every shipped runbook but the seed's
 * {@code payments-slow} cites the published runbook it encodes, with its licence.
 */
class ShippedRunbookTestsTest {
    private static final Path RUNBOOKS = Path.of(System.getProperty("runbookbot.runbooks", "../runbooks"));

    static List<RunbookSpec> shipped() {
        return new RunbookLoader()
                .loadAll(List.of(RUNBOOKS)).stream()
                        .map(LoadedRunbook::spec)
                        .flatMap(Optional::stream)
                        .toList();
    }

    private static RunbookTestFile tests(RunbookSpec runbook) {
        Path file = RUNBOOKS.resolve("tests").resolve(runbook.id() + TestCommand.SUFFIX);
        assertTrue(Files.isRegularFile(file), () -> runbook.id() + " has no tests in " + file);
        TestFileReader.Result read = new TestFileReader().read(file);
        return assertInstanceOf(TestFileReader.Result.Read.class, read, read::toString)
                .file();
    }

    @Test
    void runbookctlTestOfTheShippedRunbooksPassesWithAtLeastThirtyCases() {
        StringWriter out = new StringWriter();
        CommandLine commandLine = Runbookctl.commandLine(CommandLineWiring.context(Map.of()));
        commandLine.setOut(new PrintWriter(out));
        assertEquals(0, commandLine.execute("test", RUNBOOKS.toString()), out.toString());
        int cases = shipped().stream().mapToInt(r -> tests(r).cases().size()).sum();
        assertTrue(cases >= 30, "cases: " + cases);
        assertEquals(cases + " passed, 0 failed\n", out.toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shipped")
    void theTestsDriveEveryDecisionAndHaveANoDataAndAnErrorCase(RunbookSpec runbook) {
        RunbookTestFile tests = tests(runbook);
        assertEquals(runbook.id(), tests.runbook());
        Set<Integer> driven = new TreeSet<>();
        tests.cases().forEach(c -> c.expect().decisions().ifPresent(driven::addAll));
        assertEquals(
                IntStream.rangeClosed(1, runbook.decisionTree().size()).boxed().toList(),
                List.copyOf(driven),
                "decisions (numbered from 1) that the cases expect to match");
        assertTrue(
                tests.cases().stream().anyMatch(ShippedRunbookTestsTest::hasNoData),
                () -> runbook.id() + ": no case records a step with no data (empty: true)");
        assertTrue(
                tests.cases().stream().anyMatch(ShippedRunbookTestsTest::hasFailure),
                () -> runbook.id() + ": no case records a failing step (error: ...)");
    }

    /** The shipped runbooks encoded from published ones: all but the seed's payments-slow. */
    static List<RunbookSpec> published() {
        return shipped().stream().filter(r -> !r.id().equals("payments-slow")).toList();
    }

    @Test
    void atLeastTenShippedRunbooksEncodePublishedOnes() {
        assertTrue(published().size() >= 10, published().toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("published")
    void eachPublishedRunbookCitesItsSourceAndLicence(RunbookSpec runbook) throws IOException {
        List<String> header = Files.readAllLines(runbook.source()).stream()
                .takeWhile(l -> l.startsWith("#"))
                .toList();
        assertTrue(
                header.stream().anyMatch(l -> l.matches("#\\s+source: .*(https://\\S+|github\\.com/\\S+).*")),
                () -> runbook.id() + ": no '# source: URL' line in " + header);
        assertTrue(
                header.stream().anyMatch(l -> l.matches(".*licence: (MIT|Apache-2\\.0|CC-BY-4\\.0).*")),
                () -> runbook.id() + ": no licence in " + header);
    }

    private static boolean hasNoData(TestCase testCase) {
        return testCase.results().steps().values().stream()
                .anyMatch(o -> o instanceof Outcome.Observed observed
                        && Boolean.TRUE.equals(observed.facts().get("empty")));
    }

    private static boolean hasFailure(TestCase testCase) {
        return testCase.results().steps().values().stream().anyMatch(Outcome.Failed.class::isInstance);
    }
}
