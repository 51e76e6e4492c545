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

    /**
     * A request for {@code runbookId}, asked by {@code requester} through {@code source}; every other part is optional
     * and named on the builder (no parameters, labels or annotations, all steps, no dedup key, the default channel,
     * environment and title unless set).
     */
    public static Builder of(String runbookId, Actor requester, IncidentSource source) {
        return new Builder(runbookId, requester, source);
    }

    /** A person asked for a run by hand (slash command or CLI). */
    public static RunRequest manual(
            String runbookId,
            Map<String, String> params,
            Optional<String> onlyStep,
            Actor requester,
            IncidentSource source,
            String channel) {
        return of(runbookId, requester, source)
                .params(params)
                .onlyStep(onlyStep)
                .channel(channel)
                .build();
    }

    /** Names the optional parts of a {@link RunRequest}. Not thread-safe; build once. */
    public static final class Builder {
        private final String runbookId;
        private final Actor requester;
        private final IncidentSource source;
        private Map<String, String> params = Map.of();
        private Optional<String> onlyStep = Optional.empty();
        private Optional<String> channel = Optional.empty();
        private Map<String, String> labels = Map.of();
        private Map<String, String> annotations = Map.of();
        private Optional<String> dedupKey = Optional.empty();
        private Optional<String> environment = Optional.empty();
        private Optional<String> title = Optional.empty();

        private Builder(String runbookId, Actor requester, IncidentSource source) {
            this.runbookId = runbookId;
            this.requester = requester;
            this.source = source;
        }

        /** The runbook's parameters, as written by the requester. */
        public Builder params(Map<String, String> params) {
            this.params = params;
            return this;
        }

        /** Runs this one diagnostic only, when present. */
        public Builder onlyStep(Optional<String> step) {
            this.onlyStep = step;
            return this;
        }

        /** Where the incident thread opens (else the runbook's escalation channel). */
        public Builder channel(String channel) {
            this.channel = Optional.of(channel);
            return this;
        }

        /** The alert's labels: part of the run's template context. */
        public Builder labels(Map<String, String> labels) {
            this.labels = labels;
            return this;
        }

        /** The alert's annotations: part of the run's template context. */
        public Builder annotations(Map<String, String> annotations) {
            this.annotations = annotations;
            return this;
        }

        /** While an open incident has this key, the request joins it instead of opening another. */
        public Builder dedupKey(String key) {
            this.dedupKey = Optional.of(key);
            return this;
        }

        /** The environment, when the source names one (else the bot's default). */
        public Builder environment(Optional<String> environment) {
            this.environment = environment;
            return this;
        }

        /** The incident's title, when the source gives one (else the runbook's name). */
        public Builder title(Optional<String> title) {
            this.title = title;
            return this;
        }

        public RunRequest build() {
            return new RunRequest(
                    runbookId,
                    params,
                    onlyStep,
                    requester,
                    source,
                    channel,
                    labels,
                    annotations,
                    dedupKey,
                    environment,
                    title);
        }
    }
}
