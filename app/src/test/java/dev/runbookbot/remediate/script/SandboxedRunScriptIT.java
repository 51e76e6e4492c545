package dev.runbookbot.remediate.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.datasource.NamedDataSources;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.process.ProcessRunner;
import dev.runbookbot.process.ProcessRunnerSettings;
import dev.runbookbot.process.ResourceLimits;
import dev.runbookbot.process.SandboxMode;
import dev.runbookbot.process.SandboxSettings;
import dev.runbookbot.remediate.ActionOutcome;
import dev.runbookbot.remediate.ActionPreview;
import dev.runbookbot.remediate.ActionRequest;
import dev.runbookbot.runbook.ActionSpec;
import dev.runbookbot.runbook.ActionType;
import dev.runbookbot.runbook.StepConfig;
import dev.runbookbot.secrets.Secret;
import dev.runbookbot.secrets.SecretResolver;
import dev.runbookbot.testing.ExternalBinary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** run_script commands in the real bubblewrap sandbox: isolated, limited, masked, and recorded with their sandbox. */
@Timeout(120)
class SandboxedRunScriptIT {
    private static final String TOKEN = "tok-S3cret-777";

    @TempDir
    Path botHome;

    private Path database;
    private RunScriptActionExecutor executor;

    @BeforeEach
    void setUp() throws Exception {
        ExternalBinary.require(SandboxSettings.DEFAULT_BUBBLEWRAP, "bubblewrap");
        ExternalBinary.require(SandboxSettings.DEFAULT_PRLIMIT, "util-linux");
        database = Files.writeString(botHome.resolve("runbook-bot.db"), "incident rows");
        SandboxSettings sandbox = SandboxSettings.of(SandboxMode.BUBBLEWRAP, List.of(database))
                .withLimits(new ResourceLimits(24, 256L << 20, Duration.ofSeconds(10), 1L << 20, 16L << 20));
        SecretResolver secrets =
                name -> name.equals("payments-api-token") ? Optional.of(new Secret(name, TOKEN)) : Optional.empty();
        executor = new RunScriptActionExecutor(
                new NamedDataSources(List.of(), SecretResolver.none()),
                new ProcessRunner(ProcessRunnerSettings.defaults(botHome).withSandbox(sandbox)),
                secrets);
    }

    private static ActionRequest request(Map<String, Object> config) {
        return new ActionRequest(
                "capture_error_samples",
                new ActionSpec(ActionType.RUN_SCRIPT, new StepConfig(config, "remediations[0].action.config")),
                new TemplateContext(Map.of(), Map.of(), Map.of()),
                "prod",
                Duration.ofSeconds(20),
                "INC-1/capture_error_samples/1");
    }

    @Test
    void aCommandRunsIsolatedAndItsOutputRecordsTheSandbox() throws Exception {
        ActionOutcome outcome = executor.execute(request(Map.of(
                "argv",
                List.of("sh", "-c", "echo token=$API_TOKEN; cat " + database + " 2>&1; touch /etc/x 2>&1; true"),
                "secret_env",
                Map.of("API_TOKEN", "payments-api-token"),
                "network",
                "none")));

        String output = assertInstanceOf(ActionOutcome.Completed.class, outcome).output();
        List<String> lines = output.lines().toList();
        assertEquals("token=<secret:payments-api-token>", lines.get(0));
        assertTrue(lines.get(1).endsWith("No such file or directory"), output);
        assertTrue(lines.get(2).startsWith("touch: cannot touch '/etc/x'"), output);
        assertEquals("--- sandbox: bubblewrap, network none ---", lines.get(3));
        assertFalse(output.contains(TOKEN));
        assertFalse(output.contains("incident rows"));
        assertEquals("incident rows", Files.readString(database));
    }

    @Test
    void aForkBombFailsTheActionWithTheReason() {
        ActionOutcome outcome =
                executor.execute(request(Map.of("argv", List.of("sh", "-c", "while :; do sleep 5 & done"))));

        ActionOutcome.Failed failed = assertInstanceOf(ActionOutcome.Failed.class, outcome);
        assertTrue(failed.reason().contains("reached the sandbox's process limit of 24"), failed.reason());
    }

    @Test
    void thePreviewSaysTheCommandRunsInTheSandboxWithItsNetworkAndMounts() throws Exception {
        ActionPreview preview = executor.preview(request(Map.of(
                "argv", List.of("kubectl", "get", "pods"), "network", "none", "mounts", List.of("/etc/ssl/certs"))));

        assertEquals("command in the runbook-step sandbox", preview.target());
        assertTrue(preview.lines().contains("network: none"), preview.lines().toString());
        assertTrue(
                preview.lines().contains("mount (read-only): /etc/ssl/certs"),
                preview.lines().toString());
    }
}
