package dev.runbookbot.diagnose.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.diagnose.FailureKind;
import dev.runbookbot.diagnose.Outcome;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.process.ProcessRunner;
import dev.runbookbot.process.ProcessRunnerSettings;
import dev.runbookbot.process.ResourceLimits;
import dev.runbookbot.process.SandboxMode;
import dev.runbookbot.process.SandboxSettings;
import dev.runbookbot.runbook.DiagnosticType;
import dev.runbookbot.secrets.Secret;
import dev.runbookbot.secrets.SecretResolver;
import dev.runbookbot.testing.DiagnosticRequests;
import dev.runbookbot.testing.ExternalBinary;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shell_command diagnostic in the real bubblewrap sandbox: a step stopped by a limit is an error with the reason,
 * secrets are still masked, and the evidence (which the timeline keeps) names the sandbox.
 */
@Timeout(120)
class SandboxedShellCommandIT {
    @TempDir
    Path workDir;

    private ShellCommandExecutor executor;

    @BeforeEach
    void setUp() {
        ExternalBinary.require(SandboxSettings.DEFAULT_BUBBLEWRAP, "bubblewrap");
        ExternalBinary.require(SandboxSettings.DEFAULT_PRLIMIT, "util-linux");
        SandboxSettings sandbox = SandboxSettings.of(SandboxMode.BUBBLEWRAP, List.of())
                .withLimits(new ResourceLimits(24, 256L << 20, Duration.ofSeconds(10), 1L << 20, 16L << 20));
        SecretResolver secrets =
                name -> name.equals("api-token") ? Optional.of(new Secret(name, "tok-123-secret")) : Optional.empty();
        executor = new ShellCommandExecutor(
                new ProcessRunner(ProcessRunnerSettings.defaults(workDir).withSandbox(sandbox)),
                secrets,
                ShellCommandSettings.defaults());
    }

    private Outcome run(Map<String, Object> config) {
        return executor.execute(DiagnosticRequests.request(
                DiagnosticType.SHELL_COMMAND, config, TemplateContext.empty(), Duration.ofSeconds(20)));
    }

    @Test
    void aForkBombEndsAsAnErrorWithTheReason() {
        // the shell itself forks without bound, so it is the one that meets the limit (a recursive bomb whose top
        // shell exits first can finish before any descendant reports the failed fork)
        Outcome outcome = run(Map.of("argv", List.of("sh", "-c", "while :; do sleep 5 & done")));

        Outcome.Failed failed = assertInstanceOf(Outcome.Failed.class, outcome);
        assertEquals(FailureKind.RESOURCE_LIMIT, failed.kind());
        assertTrue(
                failed.reason()
                        .startsWith(
                                "`sh -c while :; do sleep 5 & done` reached the sandbox's process" + " limit of 24: "),
                failed.reason());
        assertTrue(failed.reason().endsWith(" (sandbox: bubblewrap, network host)"), failed.reason());

        Outcome after = run(Map.of("argv", List.of("echo", "ok")));
        assertEquals(
                "ok\n", assertInstanceOf(Outcome.Observed.class, after).facts().get("stdout"));
    }

    @Test
    void aMemoryHogEndsAsAnErrorWithTheReason() {
        Outcome outcome = run(Map.of("argv", List.of("perl", "-e", "$x = 'a' x 1e9; print length $x")));

        Outcome.Failed failed = assertInstanceOf(Outcome.Failed.class, outcome);
        assertEquals(FailureKind.RESOURCE_LIMIT, failed.kind());
        assertEquals(
                "`perl -e $x = 'a' x 1e9; print length $x` reached the sandbox's memory limit of 256 MiB: Out of"
                        + " memory! (sandbox: bubblewrap, network host)",
                failed.reason());
    }

    @Test
    void secretsAreMaskedAndTheEvidenceNamesTheSandbox() {
        Outcome outcome = run(Map.of(
                "argv",
                List.of("sh", "-c", "echo token=$API_TOKEN; echo $API_TOKEN >&2"),
                "secret_env",
                Map.of("API_TOKEN", "api-token"),
                "network",
                "none"));

        Outcome.Observed observed = assertInstanceOf(Outcome.Observed.class, outcome);
        assertEquals("token=<secret>\n", observed.facts().get("stdout"));
        assertEquals("<secret>\n", observed.facts().get("stderr"));
        assertFalse(observed.toString().contains("tok-123-secret"));
        assertTrue(observed.evidence().endsWith(", 1 line; sandbox: bubblewrap, network none"), observed.evidence());
    }

    @Test
    void aTimeoutInsideTheSandboxIsATimeoutFailure() {
        Outcome outcome = executor.execute(DiagnosticRequests.request(
                DiagnosticType.SHELL_COMMAND,
                Map.of("argv", List.of("sh", "-c", "sleep 987661 & sleep 987662")),
                TemplateContext.empty(),
                Duration.ofSeconds(2)));

        Outcome.Failed failed = assertInstanceOf(Outcome.Failed.class, outcome);
        assertEquals(FailureKind.TIMEOUT, failed.kind());
        assertTrue(failed.reason().endsWith(" (sandbox: bubblewrap, network host)"), failed.reason());
    }
}
