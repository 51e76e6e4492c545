package dev.runbookbot.incident;

import dev.runbookbot.audit.Actor;
import java.util.Map;
import java.util.Optional;

/**
 * A request to run a runbook: from a slash command, the CLI, an alert or a metric threshold. {@code channel} is where
 * the incident thread opens (the command's channel; for alerts the runbook's escalation channel when empty).
 * {@code onlyStep} runs a single diagnostic ("run a single block").
 */
public record RunRequest(
        String runbookId,
        Map<String, String> params,
        Optional<String> onlyStep,
        Actor requester,
        IncidentSource source,
        Optional<String> channel,
        Map<String, String> labels,
        Map<String, String> annotations,
        Optional<String> dedupKey,
        Optional<String> environment,
        Optional<String> title) {
    public RunRequest {
        params = Map.copyOf(params);
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
    }

    /** A person asked for a run by hand (slash command or CLI). */
    public static RunRequest manual(
            String runbookId,
            Map<String, String> params,
            Optional<String> onlyStep,
            Actor requester,
            IncidentSource source,
            String channel) {
        return new RunRequest(
                runbookId,
                params,
                onlyStep,
                requester,
                source,
                Optional.of(channel),
                Map.of(),
                Map.of(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }
}
