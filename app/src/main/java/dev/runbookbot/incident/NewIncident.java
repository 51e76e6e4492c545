package dev.runbookbot.incident;

import dev.runbookbot.audit.ChatLocation;
import dev.runbookbot.audit.IncidentId;
import dev.runbookbot.audit.NonBlank;
import dev.runbookbot.runbook.Severity;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A request to open an incident. The store assigns the id and the times, and starts it in {@link IncidentState#OPEN}.
 *
 * <p>{@code dedupKey}: while an open incident has this key, opening another returns that one instead. When
 * {@code previousIncident} is empty and a resolved incident has the same key, the store links the most recent one.
 * {@code escalateAfter}: how long the incident may stay unacknowledged before it escalates; the store turns it into an
 * absolute deadline. {@code thread} is usually empty here and attached once the parent message is posted.
 */
public record NewIncident(
        String title,
        String runbookId,
        String runbookVersion,
        String service,
        Severity severity,
        String environment,
        IncidentSource source,
        Optional<String> dedupKey,
        Optional<ChatLocation> thread,
        String triggeredBy,
        Optional<IncidentId> previousIncident,
        Optional<Duration> escalateAfter) {
    public NewIncident {
        NonBlank.require(title, "title");
        NonBlank.require(runbookId, "runbook id");
        NonBlank.require(runbookVersion, "runbook version");
        NonBlank.require(service, "service");
        Objects.requireNonNull(severity, "severity");
        NonBlank.require(environment, "environment");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(dedupKey, "dedupKey").ifPresent(key -> NonBlank.require(key, "dedup key"));
        Objects.requireNonNull(thread, "thread");
        NonBlank.require(triggeredBy, "triggered by");
        Objects.requireNonNull(previousIncident, "previousIncident");
        Objects.requireNonNull(escalateAfter, "escalateAfter").ifPresent(after -> {
            if (after.isNegative()) {
                throw new IllegalArgumentException("escalateAfter must not be negative, got " + after);
            }
        });
    }

    /** Names each part of a {@link NewIncident}; the record checks them when it is built. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A {@link NewIncident} part by part: title, runbook (id and version), service, severity, environment, source and
     * who triggered it are required; dedup key, thread, previous incident and escalation delay are empty unless set.
     * Not thread-safe; build once.
     */
    public static final class Builder {
        private String title;
        private String runbookId;
        private String runbookVersion;
        private String service;
        private Severity severity;
        private String environment;
        private IncidentSource source;
        private Optional<String> dedupKey = Optional.empty();
        private Optional<ChatLocation> thread = Optional.empty();
        private String triggeredBy;
        private Optional<IncidentId> previousIncident = Optional.empty();
        private Optional<Duration> escalateAfter = Optional.empty();

        private Builder() {}

        public Builder title(String title) {
            this.title = title;
            return this;
        }

        /** The runbook the incident runs, at the version it starts with. */
        public Builder runbook(String id, String version) {
            this.runbookId = id;
            this.runbookVersion = version;
            return this;
        }

        public Builder service(String service) {
            this.service = service;
            return this;
        }

        public Builder severity(Severity severity) {
            this.severity = severity;
            return this;
        }

        public Builder environment(String environment) {
            this.environment = environment;
            return this;
        }

        public Builder source(IncidentSource source) {
            this.source = source;
            return this;
        }

        public Builder dedupKey(Optional<String> key) {
            this.dedupKey = key;
            return this;
        }

        public Builder thread(ChatLocation thread) {
            this.thread = Optional.of(thread);
            return this;
        }

        /** A user id, or the name of the sending system. */
        public Builder triggeredBy(String who) {
            this.triggeredBy = who;
            return this;
        }

        public Builder previousIncident(IncidentId previous) {
            this.previousIncident = Optional.of(previous);
            return this;
        }

        public Builder escalateAfter(Duration after) {
            this.escalateAfter = Optional.of(after);
            return this;
        }

        public NewIncident build() {
            return new NewIncident(
                    title,
                    runbookId,
                    runbookVersion,
                    service,
                    severity,
                    environment,
                    source,
                    dedupKey,
                    thread,
                    triggeredBy,
                    previousIncident,
                    escalateAfter);
        }
    }
}
