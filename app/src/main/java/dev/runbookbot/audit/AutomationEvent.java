package dev.runbookbot.audit;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One automated step's result for telemetry and for the question "which actions keep needing a human": the action
 * type, the service and environment it acted on, and how it ended. Run transitions record their own (succeeded,
 * failed, timed out, interrupted, and a rejection as overridden); callers record {@link
 * AutomationResult#REQUIRES_MANUAL} and other overrides themselves.
 */
public record AutomationEvent(
        Optional<IncidentId> incidentId,
        Optional<RunId> runId,
        Instant at,
        String service,
        String environment,
        String action,
        AutomationResult result,
        String actor,
        String detail) {
    public AutomationEvent {
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(at, "at");
        NonBlank.require(service, "service");
        NonBlank.require(environment, "environment");
        NonBlank.require(action, "action");
        Objects.requireNonNull(result, "result");
        NonBlank.require(actor, "actor");
        Objects.requireNonNull(detail, "detail");
    }
}
