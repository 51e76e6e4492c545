package dev.runbookbot.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.config.Settings;
import dev.runbookbot.datasource.NamedDataSources;
import dev.runbookbot.diagnose.DiagnosticRequest;
import dev.runbookbot.diagnose.Outcome;
import dev.runbookbot.diagnose.shell.ShellCommandExecutor;
import dev.runbookbot.diagnose.shell.ShellCommandSettings;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.process.ProcessRunner;
import dev.runbookbot.process.SandboxMode;
import dev.runbookbot.process.SandboxSettings;
import dev.runbookbot.remediate.ActionOutcome;
import dev.runbookbot.remediate.ActionRequest;
import dev.runbookbot.remediate.script.RunScriptActionExecutor;
import dev.runbookbot.runbook.ActionType;
import dev.runbookbot.runbook.DiagnosticSpec;
import dev.runbookbot.runbook.DiagnosticType;
import dev.runbookbot.runbook.ParameterSpec;
import dev.runbookbot.runbook.RemediationSpec;
import dev.runbookbot.runbook.RunbookSpec;
import dev.runbookbot.runbook.load.RunbookLoader;
import dev.runbookbot.secrets.SecretResolver;
import dev.runbookbot.testing.ExternalBinary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * With default settings, every command step of the shipped runbooks runs in the bubblewrap sandbox: each diagnostic
 * and each run_script command, against stand-ins for {@code kubectl}, {@code cmctl}, {@code curl} and {@code jq} that
 * print their arguments and
 * what they can see of the bot's database.
 */
@Timeout(300)
class ShippedCommandStepsSandboxIT {
    private static final Path RUNBOOKS = Path.of(System.getProperty("runbookbot.runbooks", "../runbooks"));

    @TempDir
    Path botHome;

    @TempDir
    Path tools;

    @Test
    void everyShippedCommandStepRunsSandboxedWithDefaultSettings() throws Exception {
        ExternalBinary.require(SandboxSettings.DEFAULT_BUBBLEWRAP, "bubblewrap");
        Path database = Files.writeString(botHome.resolve("runbook-bot.db"), "incident rows");
        Files.setPosixFilePermissions(tools, PosixFilePermissions.fromString("rwxr-xr-x")); // like /usr/local/bin
        // every command the shipped steps call stands in here, so nothing leaves the machine (curl would look up a
        // cluster's Prometheus in DNS)
        for (String tool : List.of("kubectl", "cmctl", "curl", "jq")) {
            Path script = Files.writeString(
                    tools.resolve(tool),
                    "#!/bin/sh\necho \"fake " + tool + " $*\"\necho \"fake " + tool + " saw: $(cat " + database
                            + " 2>/dev/null || echo no-database)\" >&2\n");
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Settings settings = Settings.load(
                Optional.empty(),
                Map.of(
                        "RUNBOOK_SHELL_PATH", tools + ":/usr/bin:/bin",
                        "RUNBOOK_DB", database.toString(),
                        "RUNBOOK_DIR", RUNBOOKS.toString()));
        assertEquals(SandboxMode.BUBBLEWRAP, settings.processes().sandbox().mode(), "bubblewrap is the default");
        ShellCommandExecutor diagnostics = new ShellCommandExecutor(
                new ProcessRunner(settings.processes()), SecretResolver.none(), ShellCommandSettings.defaults());
        RunScriptActionExecutor scripts = new RunScriptActionExecutor(
                new NamedDataSources(List.of(), SecretResolver.none()),
                new ProcessRunner(settings.processes()),
                SecretResolver.none());

        int steps = 0;
        for (var loaded : new RunbookLoader().loadAll(List.of(RUNBOOKS))) {
            RunbookSpec runbook = loaded.spec().orElseThrow();
            TemplateContext context = new TemplateContext(params(runbook), Map.of(), Map.of());
            for (DiagnosticSpec step : runbook.diagnostics()) {
                if (step.type() != DiagnosticType.SHELL_COMMAND) {
                    continue;
                }
                Outcome outcome = diagnostics.execute(new DiagnosticRequest(step, context, Duration.ofSeconds(30)));
                Outcome.Observed observed = assertInstanceOf(Outcome.Observed.class, outcome, step.id());
                String output =
                        observed.facts().get("stdout") + "" + observed.facts().get("stderr");
                assertTrue(output.contains(" saw: no-database"), step.id() + ": " + observed);
                assertFalse(output.contains("incident rows"), output);
                assertTrue(observed.evidence().endsWith("; sandbox: bubblewrap, network host"), observed.evidence());
                steps++;
            }
            for (RemediationSpec remediation : runbook.remediations()) {
                var action = remediation.action();
                if (action.isEmpty()
                        || action.get().type() != ActionType.RUN_SCRIPT
                        || !action.get().config().values().containsKey("argv")) {
                    continue;
                }
                ActionOutcome outcome = scripts.execute(new ActionRequest(
                        remediation.id(), action.get(), context, "staging", Duration.ofSeconds(30), "INC-1/x/1"));
                String output = assertInstanceOf(ActionOutcome.Completed.class, outcome, remediation.id())
                        .output();
                assertFalse(output.contains("incident rows"), output);
                assertTrue(output.contains("saw: no-database"), output);
                assertTrue(output.endsWith("--- sandbox: bubblewrap, network host ---\n"), output);
                steps++;
            }
        }
        assertTrue(steps >= 5, "the shipped runbooks have command steps: " + steps);
    }

    /** Each parameter's default, or a plain value of its own name. */
    private static Map<String, Object> params(RunbookSpec runbook) {
        Map<String, Object> params = new HashMap<>();
        for (ParameterSpec p : runbook.parameters()) {
            params.put(p.name(), p.defaultValue().orElse("value-of-" + p.name()));
        }
        return params;
    }
}
