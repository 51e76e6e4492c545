package dev.runbookbot.remediate;

import dev.runbookbot.audit.AutomationEvent;
import dev.runbookbot.audit.AutomationResult;
import dev.runbookbot.audit.NewTimelineEvent;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one accepted run transition changes, for a store to write in one transaction: the run before (empty when it is
 * being proposed) and after, the approval to add, the transitions to append to its audit trail, the timeline entry, and
 * the automation result it counts as, if any.
 */
public record RunChange(
        Optional<RemediationRun> before,
        RemediationRun after,
        Optional<Approval> approval,
        List<RunTransition> transitions,
        NewTimelineEvent event,
        Optional<AutomationResult> automation) {
    public RunChange {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(approval, "approval");
        transitions = List.copyOf(transitions);
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(automation, "automation");
    }

    /** The automation event to record with this change; {@code incident} supplies the service and environment. */
    public Optional<AutomationEvent> automationEvent(RemediationTarget incident) {
        if (!incident.incidentId().equals(after.incidentId())) {
            throw new IllegalArgumentException(
                    after.id() + " belongs to " + after.incidentId() + ", not " + incident.incidentId());
        }
        return automation.map(result -> new AutomationEvent(
                Optional.of(incident.incidentId()),
                Optional.of(after.id()),
                event.at(),
                incident.service(),
                incident.environment(),
                after.action(),
                result,
                event.actor(),
                after.lastTransition().reason()));
    }
}
