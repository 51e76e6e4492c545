package dev.runbookbot.cli;

import dev.runbookbot.process.NetworkAccess;
import dev.runbookbot.process.SandboxRequest;
import dev.runbookbot.runbook.ActionSpec;
import dev.runbookbot.runbook.ActionType;
import dev.runbookbot.runbook.DiagnosticSpec;
import dev.runbookbot.runbook.DiagnosticType;
import dev.runbookbot.runbook.RemediationSpec;
import dev.runbookbot.runbook.RunbookSpec;
import dev.runbookbot.runbook.SourceLocation;
import dev.runbookbot.runbook.StepConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What each command step of a runbook asks of its sandbox, for {@code runbookctl lint}: network, read-only mounts,
 * container image. One line per step, {@code file:line:col: sandbox: diagnostic 'id' (shell_command): network none,
 * mounts /etc/kubeconfig}, so a reviewer sees at a glance which steps reach the network or the host's files.
 */
final class SandboxNeeds {
    private SandboxNeeds() {}

    /**
     * Lines for the command steps of {@code runbook}: every one when {@code all}, else only those that declare
     * something about their sandbox.
     */
    static List<String> of(RunbookSpec runbook, boolean all) {
        List<String> lines = new ArrayList<>();
        for (DiagnosticSpec step : runbook.diagnostics()) {
            if (step.type() == DiagnosticType.SHELL_COMMAND) {
                line(step.location(), "diagnostic '" + step.id() + "' (shell_command)", step.config(), all)
                        .ifPresent(lines::add);
            }
        }
        for (RemediationSpec remediation : runbook.remediations()) {
            if (remediation.action().isEmpty()) {
                continue;
            }
            ActionSpec action = remediation.action().get();
            if (action.type() == ActionType.RUN_SCRIPT
                    && action.config().values().containsKey("argv")) {
                line(
                                remediation.location(),
                                "remediation '" + remediation.id() + "' (run_script)",
                                action.config(),
                                all)
                        .ifPresent(lines::add);
            }
        }
        return lines;
    }

    private static java.util.Optional<String> line(
            SourceLocation location, String step, StepConfig config, boolean all) {
        SandboxRequest request = SandboxRequest.parse(config, new ArrayList<>());
        if (!all && !request.declaresAnything()) {
            return java.util.Optional.empty();
        }
        StringBuilder line = new StringBuilder(location.toString())
                .append(": sandbox: ")
                .append(step)
                .append(": network ")
                .append(request.network().orElse(NetworkAccess.HOST).setting());
        if (request.network().isEmpty()) {
            line.append(" (the catalog's, sandbox.network)");
        }
        line.append(request.mounts().isEmpty() ? ", no mounts" : ", mounts ")
                .append(String.join(
                        " ", request.mounts().stream().map(Path::toString).toList()));
        request.image().ifPresent(image -> line.append(", podman image ").append(image));
        return java.util.Optional.of(line.toString());
    }
}
