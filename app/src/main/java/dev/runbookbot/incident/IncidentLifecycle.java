package dev.runbookbot.incident;

import dev.runbookbot.audit.ChatLocation;
import dev.runbookbot.audit.EscalationDetail;
import dev.runbookbot.audit.IncidentId;
import dev.runbookbot.audit.IncidentOpenedDetail;
import dev.runbookbot.audit.NewTimelineEvent;
import dev.runbookbot.audit.NonBlank;
import dev.runbookbot.audit.StateChangeDetail;
import dev.runbookbot.audit.ThreadOpenedDetail;
import dev.runbookbot.audit.TimelineKind;
import dev.runbookbot.audit.json.TimelineDetails;
import dev.runbookbot.remediate.RefusalKind;
import dev.runbookbot.remediate.RemediationLifecycle;
import dev.runbookbot.remediate.TransitionResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The rules of an incident, as pure functions: given the incident as stored and a request, either the {@link
 * IncidentChange} to record or the reason it is refused.
 *
 * <p>An incident opens in {@link IncidentState#OPEN} and returns there only from diagnosing (diagnosed, nothing
 * proposed, waiting for people); among the other open states (diagnosing,
 * awaiting approval, remediating, escalated) it may move freely, because a thread can go back to diagnosing after a
 * remediation or be escalated at any point. {@link IncidentState#RESOLVED} is final: a new firing of the same alert
 * opens a new incident linked to this one.
 */
public final class IncidentLifecycle {
    private IncidentLifecycle() {}

    /** A new incident from a request. {@code previous} is the incident it follows, if any. */
    public static IncidentChange open(IncidentId id, NewIncident request, Optional<IncidentId> previous, Instant at) {
        Incident incident = new Incident(
                id,
                request.title(),
                request.runbookId(),
                request.runbookVersion(),
                request.service(),
                request.severity(),
                request.environment(),
                request.source(),
                request.dedupKey(),
                request.thread(),
                IncidentState.OPEN,
                request.triggeredBy(),
                at,
                at,
                previous,
                Optional.empty(),
                request.escalateAfter().map(at::plus));
        String summary = request.triggeredBy() + " opened " + id + " ("
                + request.source().name().toLowerCase(java.util.Locale.ROOT) + "): " + request.title();
        String detail = TimelineDetails.write(new IncidentOpenedDetail(
                request.runbookId(),
                request.runbookVersion(),
                request.service(),
                request.severity().name(),
                request.environment(),
                request.source().name(),
                request.dedupKey().orElse(null),
                previous.map(Object::toString).orElse(null),
                incident.escalationDeadline().map(Object::toString).orElse(null)));
        return new IncidentChange(
                Optional.empty(),
                incident,
                NewTimelineEvent.of(id, at, TimelineKind.STATE, request.triggeredBy(), summary, detail));
    }

    /** Moves an open incident to another state. Resolving it also clears its escalation deadline. */
    public static TransitionResult<IncidentChange> moveTo(
            Incident incident, IncidentState to, String actor, String reason, Instant at) {
        Objects.requireNonNull(to, "to");
        NonBlank.require(actor, "actor");
        NonBlank.require(reason, "reason");
        if (incident.state() == to) {
            return TransitionResult.refused(RefusalKind.ALREADY_DONE, incident.id() + " is already " + name(to));
        }
        if (!incident.isOpen()) {
            return TransitionResult.refused(
                    RefusalKind.NOT_ALLOWED,
                    incident.id() + " was resolved at " + incident.updatedAt()
                            + "; a resolved incident stays resolved (a new alert opens a new incident)");
        }
        if (to == IncidentState.OPEN && incident.state() != IncidentState.DIAGNOSING) {
            return TransitionResult.refused(
                    RefusalKind.NOT_ALLOWED,
                    incident.id() + " is " + name(incident.state())
                            + "; only a diagnosis that proposed nothing returns to open");
        }
        Incident after = incident.withState(to, at);
        String summary = incident.id() + " " + name(incident.state()) + " -> " + name(to) + ": " + reason;
        String detail =
                TimelineDetails.write(new StateChangeDetail(incident.state().name(), to.name(), reason, null));
        return TransitionResult.applied(new IncidentChange(
                Optional.of(incident),
                after,
                NewTimelineEvent.of(incident.id(), at, TimelineKind.STATE, actor, summary, detail)));
    }

    /**
     * A person reopens a resolved incident ({@code /runbook reopen}): it returns to {@link IncidentState#OPEN}, keeps its
     * thread and acknowledgement, and gets no new escalation deadline (someone is looking at it). Refused while it is
     * open, and while {@code holder}, another open incident, holds its dedup key (a newer firing of the same alert).
     */
    public static TransitionResult<IncidentChange> reopen(
            Incident incident, Optional<Incident> holder, String actor, String reason, Instant at) {
        NonBlank.require(actor, "actor");
        NonBlank.require(reason, "reason");
        if (incident.isOpen()) {
            return TransitionResult.refused(
                    RefusalKind.ALREADY_DONE, incident.id() + " is open (" + name(incident.state()) + ")");
        }
        Optional<Incident> other = holder.filter(h -> !h.id().equals(incident.id()) && h.isOpen());
        if (other.isPresent()) {
            return TransitionResult.refused(
                    RefusalKind.NOT_ALLOWED,
                    other.get().id() + " is open for the same alert; carry on there instead of reopening "
                            + incident.id());
        }
        Incident after = incident.withState(IncidentState.OPEN, at);
        String summary = actor + " reopened " + incident.id() + ": " + reason;
        String detail = TimelineDetails.write(
                new StateChangeDetail(incident.state().name(), IncidentState.OPEN.name(), reason, null));
        return TransitionResult.applied(new IncidentChange(
                Optional.of(incident),
                after,
                NewTimelineEvent.of(incident.id(), at, TimelineKind.STATE, actor, summary, detail)));
    }

    /**
     * A remediation of a {@link IncidentState#REMEDIATING} incident has ended and nothing else runs: when it helped
     * ({@code recovered}) the incident returns to {@link IncidentState#OPEN} (waiting for its alert to end or a person
     * to resolve it); when it did not, it moves to {@link IncidentState#NEEDS_ATTENTION} and, unless someone took it,
     * gets a new escalation deadline {@code escalateAfter} from now. Refused when the incident is no longer
     * remediating (resolved, escalated, or moved on by a person), so a late verdict never overrides a person.
     */
    public static TransitionResult<IncidentChange> afterRemediation(
            Incident incident, boolean recovered, Duration escalateAfter, String reason, Instant at) {
        NonBlank.require(reason, "reason");
        if (incident.state() != IncidentState.REMEDIATING) {
            return TransitionResult.refused(
                    RefusalKind.NOT_ALLOWED,
                    incident.id() + " is " + name(incident.state())
                            + "; only a remediating incident moves on by itself");
        }
        IncidentState to = recovered ? IncidentState.OPEN : IncidentState.NEEDS_ATTENTION;
        Incident moved = incident.withState(to, at);
        Incident after = !recovered && incident.acknowledgement().isEmpty()
                ? moved.withEscalationDeadline(Optional.of(at.plus(escalateAfter)))
                : moved;
        String summary = incident.id() + " " + name(incident.state()) + " -> " + name(to) + ": " + reason;
        String detail = TimelineDetails.write(new StateChangeDetail(
                incident.state().name(),
                to.name(),
                reason,
                after.escalationDeadline().map(Object::toString).orElse(null)));
        return TransitionResult.applied(new IncidentChange(
                Optional.of(incident),
                after,
                NewTimelineEvent.of(incident.id(), at, TimelineKind.STATE, RemediationLifecycle.BOT, summary, detail)));
    }

    /** Someone takes the incident ("I'm on it"): recorded once, and its escalation timer stops. */
    public static TransitionResult<IncidentChange> acknowledge(Incident incident, String actor, Instant at) {
        NonBlank.require(actor, "actor");
        if (incident.acknowledgement().isPresent()) {
            Acknowledgement ack = incident.acknowledgement().get();
            return TransitionResult.refused(
                    RefusalKind.ALREADY_DONE,
                    incident.id() + " was already acknowledged by " + ack.by() + " at " + ack.at());
        }
        if (!incident.isOpen()) {
            return TransitionResult.refused(
                    RefusalKind.NOT_ALLOWED, incident.id() + " was resolved at " + incident.updatedAt());
        }
        Incident after = incident.withAcknowledgement(new Acknowledgement(actor, at));
        String summary = actor + " acknowledged " + incident.id()
                + incident.escalationDeadline()
                        .map(d -> "; escalation due at " + d + " cancelled")
                        .orElse("");
        return TransitionResult.applied(new IncidentChange(
                Optional.of(incident),
                after,
                NewTimelineEvent.of(incident.id(), at, TimelineKind.ACKNOWLEDGEMENT, actor, summary, "{}")));
    }

    /**
     * The escalation timer fired: the incident becomes {@link IncidentState#ESCALATED} and its deadline is cleared, so
     * of two timers racing only one escalates. Refused when nobody needs paging any more (acknowledged, resolved, no
     * deadline) or the deadline is still ahead.
     */
    public static TransitionResult<IncidentChange> escalate(
            Incident incident, String actor, String reason, Instant at) {
        NonBlank.require(actor, "actor");
        NonBlank.require(reason, "reason");
        if (!incident.isOpen()) {
            return TransitionResult.refused(
                    RefusalKind.NOT_ALLOWED,
                    incident.id() + " was resolved at " + incident.updatedAt() + "; no escalation");
        }
        if (incident.acknowledgement().isPresent()) {
            Acknowledgement ack = incident.acknowledgement().get();
            return TransitionResult.refused(
                    RefusalKind.NOT_ALLOWED,
                    incident.id() + " was acknowledged by " + ack.by() + " at " + ack.at() + "; no escalation");
        }
        if (incident.escalationDeadline().isEmpty()) {
            RefusalKind kind =
                    incident.state() == IncidentState.ESCALATED ? RefusalKind.ALREADY_DONE : RefusalKind.NOT_DUE;
            return TransitionResult.refused(kind, incident.id() + " has no escalation pending");
        }
        Instant deadline = incident.escalationDeadline().get();
        if (at.isBefore(deadline)) {
            return TransitionResult.refused(
                    RefusalKind.NOT_DUE, incident.id() + " escalates at " + deadline + ", not before");
        }
        Incident after = incident.withEscalation(at);
        String summary = incident.id() + " escalated: " + reason;
        String detail =
                TimelineDetails.write(new EscalationDetail(incident.state().name(), deadline.toString(), reason));
        return TransitionResult.applied(new IncidentChange(
                Optional.of(incident),
                after,
                NewTimelineEvent.of(incident.id(), at, TimelineKind.ESCALATION, actor, summary, detail)));
    }

    /**
     * A hand-off: the open incident continues under runbook {@code runbookId} at {@code runbookVersion} (its thread,
     * state, deadlines and runs stay as they are). {@code detail} is the timeline entry's JSON (from, to, parameters).
     */
    public static TransitionResult<IncidentChange> handOff(
            Incident incident, String runbookId, String runbookVersion, String reason, String detail, Instant at) {
        NonBlank.require(runbookId, "runbook id");
        NonBlank.require(runbookVersion, "runbook version");
        NonBlank.require(reason, "reason");
        if (!incident.isOpen()) {
            return TransitionResult.refused(
                    RefusalKind.NOT_ALLOWED,
                    incident.id() + " was resolved at " + incident.updatedAt() + "; no hand-off");
        }
        if (incident.runbookId().equals(runbookId) && incident.runbookVersion().equals(runbookVersion)) {
            return TransitionResult.refused(
                    RefusalKind.ALREADY_DONE, incident.id() + " already runs runbook " + runbookId);
        }
        Incident after = incident.withRunbook(runbookId, runbookVersion, at);
        String summary = "handed off from runbook " + incident.runbookId() + " to " + runbookId + ": " + reason;
        return TransitionResult.applied(new IncidentChange(
                Optional.of(incident),
                after,
                NewTimelineEvent.of(
                        incident.id(), at, TimelineKind.DECISION, RemediationLifecycle.BOT, summary, detail)));
    }

    /**
     * Records where the incident's thread is. Set once: the same location again is {@link RefusalKind#ALREADY_DONE}
     * (a retry), another location is refused so two parent messages never compete.
     */
    public static TransitionResult<IncidentChange> attachThread(Incident incident, ChatLocation thread, Instant at) {
        Objects.requireNonNull(thread, "thread");
        if (incident.thread().isPresent()) {
            ChatLocation existing = incident.thread().get();
            return existing.equals(thread)
                    ? TransitionResult.refused(
                            RefusalKind.ALREADY_DONE, incident.id() + " already has its thread at " + existing)
                    : TransitionResult.refused(
                            RefusalKind.NOT_ALLOWED,
                            incident.id() + " already has its thread at " + existing + "; not moving it to " + thread);
        }
        Incident after = incident.withThread(thread, at);
        String detail = TimelineDetails.write(new ThreadOpenedDetail(thread.channel(), thread.ts()));
        return TransitionResult.applied(new IncidentChange(
                Optional.of(incident),
                after,
                NewTimelineEvent.of(
                        incident.id(),
                        at,
                        TimelineKind.MESSAGE,
                        RemediationLifecycle.BOT,
                        "thread opened in " + thread.channel(),
                        detail)));
    }

    private static String name(IncidentState state) {
        return state.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
