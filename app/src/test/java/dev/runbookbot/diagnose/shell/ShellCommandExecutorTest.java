package dev.runbookbot.diagnose.shell;

import static dev.runbookbot.testing.ProcessAssertions.assertAllDead;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.diagnose.DiagnosticRequest;
import dev.runbookbot.diagnose.FailureKind;
import dev.runbookbot.diagnose.Outcome;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.expr.ValueType;
import dev.runbookbot.process.ProcessRunner;
import dev.runbookbot.process.ProcessRunnerSettings;
import dev.runbookbot.runbook.DiagnosticSpec;
import dev.runbookbot.runbook.DiagnosticType;
import dev.runbookbot.runbook.InterpretSpec;
import dev.runbookbot.runbook.SourceLocation;
import dev.runbookbot.runbook.StepConfig;
import dev.runbookbot.secrets.Secret;
import dev.runbookbot.secrets.SecretResolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class ShellCommandExecutorTest {
    private static final Path RUNBOOK = Path.of("runbooks/payments-slow.yaml");

    @TempDir
    Path workDir;

    @TempDir
    Path scratch;

    private ShellCommandExecutor executor;

    @BeforeEach
    void setUp() {
        SecretResolver secrets = name ->
                name.equals("payments-token") ? Optional.of(new Secret(name, "tok-123-secret")) : Optional.empty();
        executor = new ShellCommandExecutor(
                new ProcessRunner(ProcessRunnerSettings.defaults(workDir)), secrets, ShellCommandSettings.defaults());
    }

    private static DiagnosticRequest request(Map<String, Object> config, TemplateContext context, Duration timeout) {
        DiagnosticSpec spec = new DiagnosticSpec(
                "check_recent_deploy",
                "Recent deployments",
                "",
                DiagnosticType.SHELL_COMMAND,
                new StepConfig(config, "diagnostics[2].config"),
                timeout,
                new InterpretSpec(
                        Optional.empty(), Optional.empty(), Optional.empty(), SourceLocation.unknown(RUNBOOK)),
                SourceLocation.unknown(RUNBOOK));
        return new DiagnosticRequest(spec, context, timeout);
    }

    private Outcome run(Map<String, Object> config) {
        return executor.execute(request(config, TemplateContext.empty(), Duration.ofSeconds(30)));
    }

    private static TemplateContext labels(Map<String, String> labels) {
        return new TemplateContext(Map.of(), labels, Map.of());
    }

    @Test
    void exposesExitCodeOutputLinesAndMatches() {
        Map<String, Object> patterns = new LinkedHashMap<>();
        patterns.put("revision", "^(\\d+)\\s+deploy");
        patterns.put("rollback", "rollback");
        patterns.put("warning", Map.of("regex", "^WARN .*$", "stream", "stderr"));
        Outcome outcome = run(Map.of(
                "argv",
                List.of("sh", "-c", "printf '3 deploy a\\n4 deploy b\\n5 deploy c\\n'; echo 'WARN slow' >&2"),
                "patterns",
                patterns));

        Outcome.Observed observed = assertInstanceOf(Outcome.Observed.class, outcome);
        Map<String, Object> facts = observed.facts();
        assertEquals(0L, facts.get("exit_code"));
        assertEquals("3 deploy a\n4 deploy b\n5 deploy c\n", facts.get("stdout"));
        assertEquals("WARN slow\n", facts.get("stderr"));
        assertEquals(List.of("3 deploy a", "4 deploy b", "5 deploy c"), facts.get("lines"));
        assertEquals(3L, facts.get("line_count"));
        assertEquals(Map.of("revision", "3", "warning", "WARN slow"), facts.get("matches"));
        assertEquals(Map.of("revision", 3L, "rollback", 0L, "warning", 1L), facts.get("match_counts"));
        assertEquals(List.of("revision", "warning"), facts.get("matched"));
        assertEquals(false, facts.get("output_truncated"));
        assertTrue(observed.evidence().startsWith("`sh -c printf '3 deploy a\\n4 deploy b\\n5 deploy c\\n'; echo"));
        assertTrue(observed.evidence().endsWith(", 3 lines; matched revision, warning"), observed.evidence());
        assertEquals(
                List.of("revision: 3", "warning: WARN slow", "3 deploy a", "4 deploy b", "5 deploy c"),
                observed.details());
    }

    @Test
    void everyDeclaredFactIsPresentWithItsDeclaredType() {
        Outcome.Observed observed =
                assertInstanceOf(Outcome.Observed.class, run(Map.of("argv", List.of("echo", "hi"))));

        assertEquals(executor.facts().keySet(), observed.facts().keySet());
        executor.facts().forEach((name, type) -> {
            Object value = observed.facts().get(name);
            Class<?> expected =
                    switch (type) {
                        case INT -> Long.class;
                        case BOOL -> Boolean.class;
                        case STRING -> String.class;
                        case STRING_LIST -> List.class;
                        case STRING_MAP, MAP -> Map.class;
                        default -> Object.class;
                    };
            assertInstanceOf(expected, value, name);
        });
        assertEquals(ValueType.STRING_MAP, executor.facts().get("matches"));
    }

    @Test
    void aNonZeroExitIsAFactNotAVerdict() {
        Outcome outcome = run(Map.of("argv", List.of("sh", "-c", "echo 'CRITICAL: disk 97%'; exit 2")));

        Outcome.Observed observed = assertInstanceOf(Outcome.Observed.class, outcome);
        assertEquals(2L, observed.facts().get("exit_code"));
        assertEquals(List.of("CRITICAL: disk 97%"), observed.facts().get("lines"));
    }

    @Test
    void anExitCodeOutsideExpectExitMeansTheCommandDidNotWork() {
        Outcome outcome = run(Map.of(
                "argv", List.of("sh", "-c", "echo 'error: You must be logged in' >&2; exit 1"), "expect_exit", 0));

        assertEquals(
                Outcome.failed(
                        FailureKind.BAD_RESPONSE,
                        "`sh -c echo 'error: You must be logged in' >&2; exit 1` exited with 1, expected 0: error:"
                                + " You must be logged in"),
                outcome);
    }

    @Test
    void hostileLabelValuesStayData() {
        Path marker = scratch.resolve("pwned");
        String hostile = "x\"; touch " + marker + "; echo \"$(id)` `";
        Outcome outcome = executor.execute(request(
                Map.of(
                        "argv", List.of("sh", "-c", "printf '%s|%s' \"$1\" \"$POD\"", "sh", "{{ labels.pod }}"),
                        "env", Map.of("POD", "{{ labels.pod }}")),
                labels(Map.of("pod", hostile)),
                Duration.ofSeconds(30)));

        Outcome.Observed observed = assertInstanceOf(Outcome.Observed.class, outcome);
        assertEquals(hostile + "|" + hostile, observed.facts().get("stdout"));
        assertFalse(Files.exists(marker));
    }

    @Test
    void aValueThatWouldBeReadAsAnOptionIsRefusedUnlessAfterDoubleDash() {
        TemplateContext hostile = labels(Map.of("host", "-oProxyCommand=touch /tmp/rb-pwned", "delta", "-5"));

        Outcome refused = executor.execute(request(
                Map.of("argv", List.of("printf", "%s|", "{{ labels.host }}")), hostile, Duration.ofSeconds(30)));
        Outcome afterDoubleDash = executor.execute(request(
                Map.of("argv", List.of("printf", "%s|", "--", "{{ labels.host }}")), hostile, Duration.ofSeconds(30)));
        Outcome number = executor.execute(request(
                Map.of("argv", List.of("printf", "%s|", "{{ labels.delta }}")), hostile, Duration.ofSeconds(30)));

        assertEquals(
                Outcome.failed(
                        FailureKind.CONFIGURATION,
                        "argv[2]: the value of labels.host starts with '-', so the program would read it as an option;"
                                + " if it is meant as data, put \"--\" before it in argv"),
                refused);
        assertEquals(
                "--|-oProxyCommand=touch /tmp/rb-pwned|",
                assertInstanceOf(Outcome.Observed.class, afterDoubleDash)
                        .facts()
                        .get("stdout"));
        assertEquals(
                "-5|", assertInstanceOf(Outcome.Observed.class, number).facts().get("stdout"));
    }

    @Test
    void interruptingTheStepCancelsItAndKillsTheCommand() throws Exception {
        Path pids = scratch.resolve("pids");
        DiagnosticRequest request = request(
                Map.of("argv", List.of("sh", "-c", "echo $$ > \"$1\"; sleep 100", "sh", "{{ params.pidfile }}")),
                new TemplateContext(Map.of("pidfile", pids.toString()), Map.of(), Map.of()),
                Duration.ofSeconds(30));
        java.util.concurrent.atomic.AtomicReference<Outcome> outcome =
                new java.util.concurrent.atomic.AtomicReference<>();
        Thread step = new Thread(() -> outcome.set(executor.execute(request)));
        step.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while ((!Files.exists(pids) || Files.readString(pids).isBlank()) && System.nanoTime() < deadline) {
            Thread.sleep(10); // polling for the script to start, bounded by the deadline
        }

        step.interrupt();
        step.join(Duration.ofSeconds(20).toMillis());

        Outcome.Failed failed = assertInstanceOf(Outcome.Failed.class, outcome.get());
        assertEquals(FailureKind.CANCELLED, failed.kind());
        assertTrue(failed.reason().endsWith("was cancelled before it finished (2 processes killed)"), failed.reason());
        assertAllDead(List.of(Long.parseLong(Files.readString(pids).trim())));
    }

    @Test
    void secretsReachTheCommandThroughTheEnvironmentAndAreMaskedInItsOutput() {
        Outcome outcome = run(Map.of(
                "argv",
                List.of("sh", "-c", "echo \"token=$API_TOKEN\"; echo \"$API_TOKEN\" >&2"),
                "secret_env",
                Map.of("API_TOKEN", "payments-token")));

        Outcome.Observed observed = assertInstanceOf(Outcome.Observed.class, outcome);
        assertEquals("token=<secret>\n", observed.facts().get("stdout"));
        assertEquals("<secret>\n", observed.facts().get("stderr"));
        assertFalse(observed.toString().contains("tok-123-secret"));
    }

    @Test
    void missingValuesAreConfigurationFailures() {
        assertEquals(
                Outcome.failed(FailureKind.CONFIGURATION, "secret 'nope' for secret_env.API_TOKEN is not defined"),
                run(Map.of("argv", List.of("env"), "secret_env", Map.of("API_TOKEN", "nope"))));
        assertEquals(
                Outcome.failed(FailureKind.CONFIGURATION, "argv[4]: no value for labels.pod"),
                run(Map.of("argv", List.of("sh", "-c", "echo \"$1\"", "sh", "{{ labels.pod }}"))));
        assertEquals(
                Outcome.failed(
                        FailureKind.CONFIGURATION,
                        "`no-such-tool-rb --version` could not start: no executable 'no-such-tool-rb' in PATH"
                                + " /usr/local/bin:/usr/bin:/bin"),
                run(Map.of("argv", List.of("no-such-tool-rb", "--version"))));
    }

    @Test
    void anInvalidStepFailsWithItsFirstProblem() {
        assertEquals(
                Outcome.failed(
                        FailureKind.CONFIGURATION,
                        "diagnostics[2].config.command: 'command' is a shell string, which runbook-bot never runs;"
                                + " write 'argv' instead, a list with the program and each argument"),
                run(Map.of("command", "kubectl rollout history deployment/payment-service | tail -3")));
    }

    @Test
    void aTimeoutKillsEveryProcessAndSaysSo() throws IOException {
        Path pids = scratch.resolve("pids");
        String script = "echo $$ >> \"$1\"; sleep 100 & echo $! >> \"$1\"; sleep 101 & echo $! >> \"$1\";"
                + " (sleep 102 & echo $! >> \"$1\"); wait";
        Outcome outcome = executor.execute(request(
                Map.of("argv", List.of("sh", "-c", script, "sh", "{{ params.pidfile }}")),
                new TemplateContext(Map.of("pidfile", pids.toString()), Map.of(), Map.of()),
                Duration.ofSeconds(2)));

        assertEquals(
                Outcome.failed(
                        FailureKind.TIMEOUT,
                        "`sh -c echo $$ >> \"$1\"; sleep 100 & echo $! >> \"$1\"; sleep 101 & echo $! >> \"$1\"…`"
                                + " did not finish: killed after 1.6s (4 processes)"),
                outcome);
        List<Long> started =
                Files.readAllLines(pids).stream().map(Long::parseLong).toList();
        assertEquals(4, started.size());
        assertAllDead(started);
    }

    @Test
    void hugeOutputIsCappedAndStillCounted() {
        Outcome outcome = run(Map.of(
                "argv", List.of("sh", "-c", "yes | head -c 5000000"), "max_output_bytes", 1024, "max_lines", 10));

        Outcome.Observed observed = assertInstanceOf(Outcome.Observed.class, outcome);
        assertEquals(true, observed.facts().get("output_truncated"));
        assertEquals(2_500_000L, observed.facts().get("line_count"));
        assertEquals(10, ((List<?>) observed.facts().get("lines")).size());
        assertTrue(((String) observed.facts().get("stdout")).contains("[... 4,998,976 bytes omitted ...]"));
        assertTrue(observed.evidence().endsWith(", 2500000 lines; output truncated"), observed.evidence());
    }

    @Test
    void aRunawayPatternIsStoppedAtTheStepDeadline() {
        Outcome outcome = executor.execute(request(
                Map.of(
                        "argv",
                        List.of(
                                "sh",
                                "-c",
                                "printf 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!'"),
                        "patterns",
                        Map.of("catastrophic", "(\\w*)*\\1!x")),
                TemplateContext.empty(),
                Duration.ofSeconds(2)));

        assertEquals(
                Outcome.failed(
                        FailureKind.TIMEOUT,
                        "pattern 'catastrophic' was still matching the output of `sh -c printf"
                                + " 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!'` when the step's"
                                + " time ran out"),
                outcome);
    }
}
