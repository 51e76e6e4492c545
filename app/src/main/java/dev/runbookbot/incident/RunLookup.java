package dev.runbookbot.incident;

import dev.runbookbot.remediate.RemediationRun;
import dev.runbookbot.remediate.RunContext;
import java.util.Objects;
import java.util.Optional;

/** What {@link StoredRunContexts} found for a run id: the run's context with its incident, or why there is none. */
public sealed interface RunLookup {
    /** The run as stored, when there is one (a refusal is recorded against it). */
    Optional<RemediationRun> run();

    /** The run's context, and the incident it belongs to (the thread and the message show both). */
    record Found(Incident incident, RunContext context) implements RunLookup {
        public Found {
            Objects.requireNonNull(incident, "incident");
            Objects.requireNonNull(context, "context");
        }

        @Override
        public Optional<RemediationRun> run() {
            return Optional.of(context.run());
        }
    }

    /** No such run, or its incident, runbook or remediation is gone; {@code reason} is for the person who clicked. */
    record Missing(Optional<RemediationRun> run, String reason) implements RunLookup {
        public Missing {
            Objects.requireNonNull(run, "run");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
