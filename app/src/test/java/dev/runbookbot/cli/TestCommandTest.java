package dev.runbookbot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.runtime.CommandLineWiring;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code runbookctl test} in-process: the shipped runbook tests pass, and a failing case, an unreadable test file and
 * a missing path each give the promised line and exit code.
 */
class TestCommandTest {
    private static final Path RUNBOOKS = Path.of(System.getProperty("runbookbot.runbooks", "../runbooks"));

    @TempDir
    Path dir;

    /** The outcome of one run. */
    record Run(int exitCode, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    private static Run test(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Runbookctl.commandLine(CommandLineWiring.context(Map.of()));
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        String[] argv = new String[args.length + 1];
        argv[0] = "test";
        System.arraycopy(args, 0, argv, 1, args.length);
        return new Run(commandLine.execute(argv), out.toString(), err.toString());
    }

    @Test
    void theShippedRunbookTestsAllPass() {
        Run run = test(RUNBOOKS.toString());
        assertEquals(0, run.exitCode(), run.out() + run.err());
        List<String> lines = run.lines();
        Matcher summary = Pattern.compile("(\\d+) passed, 0 failed").matcher(lines.get(lines.size() - 1));
        assertTrue(summary.matches(), run.out());
        assertTrue(Integer.parseInt(summary.group(1)) >= 30, run.out());
    }

    @Test
    void aFailingCaseSaysWhereAndWhatWasExpectedAndWhatCame() throws IOException {
        Path file = dir.resolve("payments.test.yaml");
        Files.writeString(file, """
                runbook: payments-slow
                cases:
                  - name: passes
                    fixture: %1$s/payments-healthy.yaml
                    expect: {severity: healthy}
                  - name: wrong plan
                    fixture: %1$s/payments-db-exhausted.yaml
                    expect:
                      severity: critical
                      plan: [scale_db_connections]
                      decisions: [2]
                """.formatted(RUNBOOKS.toAbsolutePath().resolve("fixtures")));
        Run run = test("--runbooks", RUNBOOKS.toString(), file.toString());
        assertEquals(1, run.exitCode(), run.out() + run.err());
        assertEquals(
                List.of(
                        file + ":11:18: FAIL case 'wrong plan': decisions: expected [2], got [1]; plan: expected"
                                + " [scale_db_connections], got [kill_idle_connections, scale_db_connections]",
                        "1 passed, 1 failed"),
                run.lines());
    }

    @Test
    void aStepWithoutRecordedResultAndAStrangerStepFailTheirCasesNamingThem() throws IOException {
        Path file = dir.resolve("payments.test.yaml");
        Files.writeString(file, """
                runbook: payments-slow
                cases:
                  - name: incomplete
                    results:
                      check_pod_health: {facts: {empty: false, count: 3, min: 1.0, sum: 3.0}}
                      check_db_connections: {facts: {value: 95.0}}
                      check_error_rate: {facts: {value: 0.2}}
                      check_recent_deploy: {facts: {exit_code: 0, lines: ["9000"]}}
                    expect: {severity: critical}
                  - name: stranger
                    results:
                      check_db: {error: TIMEOUT}
                    expect: {severity: critical}
                """);
        Run run = test("--runbooks", RUNBOOKS.toString(), file.toString());
        assertEquals(1, run.exitCode(), run.out());
        assertEquals(
                List.of(
                        file + ":3:5: FAIL case 'incomplete': step check_downstream ran but has no recorded result"
                                + " (record what it observed, or how it failed with error: TIMEOUT, UNREACHABLE, ...)",
                        file + ":10:5: FAIL case 'stranger': results name step 'check_db', which runbook payments-slow"
                                + " does not have (did you mean check_db_connections?)",
                        "0 passed, 2 failed"),
                run.lines());
    }

    @Test
    void aBrokenTestFileIsAUsageErrorWithItsPosition() throws IOException {
        Path file = dir.resolve("broken.test.yaml");
        Files.writeString(file, """
                runbook: payments-slow
                cases:
                  - name: typo
                    results: {}
                    expect:
                      severty: critical
                      decisions: [0]
                """);
        Run run = test("--runbooks", RUNBOOKS.toString(), file.toString());
        assertEquals(2, run.exitCode(), run.out());
        assertEquals(
                List.of(
                        file + ":6:7: error: unknown key 'severty' in an expectation, did you mean 'severity'? (an"
                                + " expectation takes decisions, handoff, plan, runbook, severity, steps)",
                        file + ":7:19: error: cases[0].expect.decisions[0]: must be a decision number (1 is the first"
                                + " entry of decisionTree), not a number",
                        "0 passed, 0 failed"),
                run.lines());
    }

    @Test
    void aCasePinsNowSoARunbookThatReadsTheTimeGivesTheSameAnswerEveryTime() throws IOException {
        Path file = dir.resolve("tls.test.yaml");
        String results = """
                    results:
                      days_left: {facts: {empty: false, count: 1, value: 25.0}}
                      renewal_due: {facts: {empty: false, count: 1, has_value: true, value: 1772357400.0}}
                      certificate_ready: {facts: {empty: false, count: 1, value: 1.0}}
                      acme_rate_limited: {facts: {empty: false, count: 1, value: 0.0}}
                      certificate_status: {facts: {exit_code: 0, stdout: "Status: True"}}
                """;
        Files.writeString(
                file,
                "runbook: tls-cert-expiry\ncases:\n"
                        + "  - name: a day after renewal was due\n    now: 2026-03-02T09:30:00Z\n    params: {certificate: c,"
                        + " namespace: n}\n" + results + "    expect: {steps: {renewal_due: warning}}\n"
                        + "  - name: a day before\n    now: 2026-02-28T09:30:00Z\n    params: {certificate: c, namespace:"
                        + " n}\n" + results + "    expect: {steps: {renewal_due: warning}}\n"
                        + "  - name: not a time\n    now: yesterday\n    params: {certificate: c, namespace: n}\n"
                        + results
                        + "    expect: {severity: healthy}\n");
        Run broken = test("--runbooks", RUNBOOKS.toString(), file.toString());
        assertEquals(2, broken.exitCode(), broken.out());
        assertTrue(
                broken.out()
                        .contains(file + ":24:10: error: cases[2].now: 'yesterday' is not an RFC 3339 time (write it in"
                                + " UTC with seconds, e.g. now: 2026-01-01T09:30:00Z)"),
                broken.out());

        Files.writeString(
                file, Files.readString(file).substring(0, Files.readString(file).indexOf("  - name: not")));
        Run run = test("--runbooks", RUNBOOKS.toString(), file.toString());
        assertEquals(1, run.exitCode(), run.out());
        assertEquals(
                List.of(
                        file + ":22:21: FAIL case 'a day before': steps.renewal_due: expected warning, got healthy"
                                + " (`has_value && now <= timestamp(int(value))` held with has_value=true,"
                                + " value=1772357400, now=2026-02-28T09:30:00Z)",
                        "1 passed, 1 failed"),
                run.lines());
    }

    @Test
    void aPathWithoutTestsIsAUsageError() {
        Run run = test(dir.toString());
        assertEquals(2, run.exitCode());
        assertEquals("runbookctl test: no test files (*.test.yaml) in " + dir + "\n", run.err());
    }
}
