package dev.runbookbot.incident;

import dev.runbookbot.audit.Actor;
import dev.runbookbot.audit.IncidentId;
import dev.runbookbot.audit.NewTimelineEvent;
import dev.runbookbot.audit.RunId;
import dev.runbookbot.audit.TimelineKind;
import dev.runbookbot.incident.escalation.EscalationReport;
import dev.runbookbot.incident.escalation.IncidentEscalator;
import dev.runbookbot.remediate.RefusalKind;
import dev.runbookbot.remediate.RemediationLifecycle;
import dev.runbookbot.remediate.RemediationRun;
import dev.runbookbot.remediate.RunState;
import dev.runbookbot.remediate.TransitionResult;
import dev.runbookbot.runbook.Catalog;
import dev.runbookbot.runbook.RunbookSpec;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * What people do to an incident as a whole from chat: resolve it, reopen it, escalate it now ({@code /runbook resolve
 * | reopen | escalate}, and the buttons on its parent message), run its diagnostics again, and propose an expired or
 * rejected remediation again. A click acts only on the incident or run its own message shows ({@link ClickOrigin}). Each request is checked by {@link IncidentAuthority}
 * when it arrives, applied as a compare-and-set in the store with who and why on the timeline, said in the thread, and
 * shown on the parent message. Thread-safe; blocks for the store and, when escalating, the chat and paging calls.
 */
public final class IncidentControl {
    private final Catalog catalog;
    private final IncidentStore store;
    private final ChatGateway chat;
    private final IncidentAuthority authority;
    private final IncidentEscalator escalator;
    private final IncidentService incidents;
    private final Clock clock;

    public IncidentControl(
            Catalog catalog,
            IncidentStore store,
            ChatGateway chat,
            IncidentAuthority authority,
            IncidentEscalator escalator,
            IncidentService incidents,
            Clock clock) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.store = Objects.requireNonNull(store, "store");
        this.chat = Objects.requireNonNull(chat, "chat");
        this.authority = Objects.requireNonNull(authority, "authority");
        this.escalator = Objects.requireNonNull(escalator, "escalator");
        this.incidents = Objects.requireNonNull(incidents, "incidents");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Resolves an open incident; {@code reason} may be blank. The store cancels its pending runs in the same
     * transaction, and their messages then say so (see {@link IncidentService#showCancelledRuns}).
     */
    public ActionAnswer resolve(IncidentId id, Actor actor, String reason, ClickOrigin origin) {
        String why = reason.isBlank() ? "resolved in chat" : reason.strip();
        return act(id, actor, "resolve", origin, (incident, runbook) -> {
            TransitionResult<Incident> moved = store.moveTo(id, IncidentState.RESOLVED, actor.userId(), why);
            return moved.map(after -> {
                chat.note(after, "Resolved by " + actor.userId() + ": " + why);
                chat.showIncident(after, runbook);
                incidents.showCancelledRuns(after);
                return "resolved " + id;
            });
        });
    }

    /** Reopens a resolved incident. */
    public ActionAnswer reopen(IncidentId id, Actor actor, String reason) {
        String why = reason.isBlank() ? "reopened in chat" : reason.strip();
        return act(
                id, actor, "reopen", ClickOrigin.typed(), (incident, runbook) -> store.reopen(id, actor.userId(), why)
                        .map(after -> {
                            chat.note(
                                    after,
                                    "Reopened by " + actor.userId() + ": " + why + ". `/runbook resolve " + id
                                            + "` closes it again.");
                            chat.showIncident(after, runbook);
                            return "reopened " + id;
                        }));
    }

    /** Escalates an open incident now: pages or posts as an escalate step does, and marks it escalated. */
    public ActionAnswer escalate(IncidentId id, Actor actor, String reason, ClickOrigin origin) {
        String why = reason.isBlank() ? "escalated in chat" : reason.strip();
        return act(id, actor, "escalate", origin, (incident, runbook) -> {
            if (!incident.isOpen()) {
                return TransitionResult.refused(
                        RefusalKind.NOT_ALLOWED, id + " is resolved; reopen it first to escalate it");
            }
            EscalationReport report = escalator.escalate(incident, runbook, actor.userId(), why);
            if (!report.reached()) {
                return TransitionResult.refused(RefusalKind.NOT_ALLOWED, "nobody was reached: " + report.summary());
            }
            TransitionResult<Incident> moved = incident.state() == IncidentState.ESCALATED
                    ? TransitionResult.applied(incident)
                    : store.moveTo(id, IncidentState.ESCALATED, actor.userId(), why);
            return moved.map(after -> {
                chat.note(after, "Escalated by " + actor.userId() + " (" + why + "): " + report.summary() + ".");
                chat.showIncident(after, runbook);
                return "escalated " + id + ": " + report.summary();
            });
        });
    }

    /** Runs the incident's diagnostics again (Re-run diagnostics): fresh evidence, and the plan's proposals again. */
    public ActionAnswer rediagnose(IncidentId id, Actor actor, ClickOrigin origin) {
        return act(id, actor, "re-run the diagnostics of", origin, (incident, runbook) -> incidents
                .rediagnose(incident, runbook, actor, actor.userId() + " asked to run the diagnostics again")
                .map(started -> "running the diagnostics of " + id + " again"));
    }

    /**
     * Propose again, from an expired, rejected or cancelled (its precondition no longer held) proposal's message: the diagnostics run again, so the proposal comes
     * with fresh evidence, as a new attempt if the plan still chooses it.
     */
    public ActionAnswer proposeAgain(RunId runId, Actor actor, ClickOrigin origin) {
        Optional<RemediationRun> run = store.run(runId);
        if (run.isEmpty()) {
            return ActionAnswer.refused("this button is no longer valid (no run " + runId + ")");
        }
        Optional<String> wrongMessage =
                origin.refusal(run.get().message(), run.get().label());
        if (wrongMessage.isPresent()) {
            return ActionAnswer.refused(wrongMessage.get());
        }
        if (run.get().state() != RunState.EXPIRED
                && run.get().state() != RunState.REJECTED
                && run.get().state() != RunState.CANCELLED) {
            return ActionAnswer.refused(run.get().label() + " " + RemediationLifecycle.describe(run.get())
                    + "; only an expired, rejected or cancelled proposal is proposed again");
        }
        IncidentId id = run.get().incidentId();
        return act(id, actor, "propose again a remediation of", ClickOrigin.typed(), (incident, runbook) -> incidents
                .rediagnose(
                        incident,
                        runbook,
                        actor,
                        actor.userId() + " asked to propose " + run.get().label() + " again, with fresh evidence")
                .map(started -> "diagnosing " + id + " again to propose "
                        + run.get().remediationId() + " with" + " fresh evidence"));
    }

    private interface Change {
        TransitionResult<String> apply(Incident incident, RunbookSpec runbook);
    }

    private ActionAnswer act(IncidentId id, Actor actor, String verb, ClickOrigin origin, Change change) {
        Optional<Incident> found = store.incident(id);
        if (found.isEmpty()) {
            return ActionAnswer.refused("there is no incident " + id);
        }
        Incident incident = found.get();
        Optional<String> wrongMessage = origin.refusal(incident.thread(), id.toString());
        if (wrongMessage.isPresent()) {
            store.append(NewTimelineEvent.of(
                    id,
                    clock.instant(),
                    TimelineKind.NOTE,
                    actor.userId(),
                    "refused " + verb + " of " + id + ": " + wrongMessage.get(),
                    ""));
            return ActionAnswer.refused(wrongMessage.get());
        }
        Optional<RunbookSpec> runbook = catalog.version(incident.runbookId(), incident.runbookVersion())
                .or(() -> catalog.byId(incident.runbookId()));
        if (runbook.isEmpty()) {
            return ActionAnswer.refused("runbook " + incident.runbookId() + " is no longer in the catalog");
        }
        Optional<String> refusal = authority.refusal(actor, verb, incident, runbook.get(), store.timeline(id));
        if (refusal.isPresent()) {
            store.append(NewTimelineEvent.of(
                    id,
                    clock.instant(),
                    TimelineKind.NOTE,
                    actor.userId(),
                    "refused " + verb + " of " + id + ": " + refusal.get(),
                    ""));
            return ActionAnswer.refused(refusal.get());
        }
        TransitionResult<String> result = change.apply(incident, runbook.get());
        if (result instanceof TransitionResult.Refused<String> refused) {
            return ActionAnswer.refused(refused.reason());
        }
        return ActionAnswer.accepted(result.appliedValue().orElseThrow());
    }
}
