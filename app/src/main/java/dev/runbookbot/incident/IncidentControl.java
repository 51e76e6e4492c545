package dev.runbookbot.incident;

import dev.runbookbot.runbook.Catalog;
import dev.runbookbot.runbook.RunbookSpec;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * What people do to an incident as a whole from chat: resolve it, reopen it, escalate it now ({@code /runbook resolve
 * | reopen | escalate}, and the buttons on its parent message). Each request is checked by {@link IncidentAuthority}
 * when it arrives, applied as a compare-and-set in the store with who and why on the timeline, said in the thread, and
 * shown on the parent message. Thread-safe; blocks for the store and, when escalating, the chat and paging calls.
 */
public final class IncidentControl {
    private final Catalog catalog;
    private final IncidentStore store;
    private final ChatGateway chat;
    private final IncidentAuthority authority;
    private final IncidentEscalator escalator;
    private final Clock clock;

    public IncidentControl(
            Catalog catalog,
            IncidentStore store,
            ChatGateway chat,
            IncidentAuthority authority,
            IncidentEscalator escalator,
            Clock clock) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.store = Objects.requireNonNull(store, "store");
        this.chat = Objects.requireNonNull(chat, "chat");
        this.authority = Objects.requireNonNull(authority, "authority");
        this.escalator = Objects.requireNonNull(escalator, "escalator");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Resolves an open incident; {@code reason} may be blank. */
    public ActionAnswer resolve(IncidentId id, Actor actor, String reason) {
        String why = reason.isBlank() ? "resolved in chat" : reason.strip();
        return act(id, actor, "resolve", (incident, runbook) -> {
            TransitionResult<Incident> moved = store.moveTo(id, IncidentState.RESOLVED, actor.userId(), why);
            return moved.map(after -> {
                chat.note(after, "Resolved by " + actor.userId() + ": " + why);
                chat.showIncident(after, runbook);
                return "resolved " + id;
            });
        });
    }

    /** Reopens a resolved incident. */
    public ActionAnswer reopen(IncidentId id, Actor actor, String reason) {
        String why = reason.isBlank() ? "reopened in chat" : reason.strip();
        return act(id, actor, "reopen", (incident, runbook) -> store.reopen(id, actor.userId(), why)
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
    public ActionAnswer escalate(IncidentId id, Actor actor, String reason) {
        String why = reason.isBlank() ? "escalated in chat" : reason.strip();
        return act(id, actor, "escalate", (incident, runbook) -> {
            if (!incident.isOpen()) {
                return TransitionResult.refused(
                        RefusalKind.NOT_ALLOWED, id + " is resolved; reopen it first to escalate it");
            }
            EscalationReport report = escalator.escalate(incident, runbook, actor.userId(), why);
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

    private interface Change {
        TransitionResult<String> apply(Incident incident, RunbookSpec runbook);
    }

    private ActionAnswer act(IncidentId id, Actor actor, String verb, Change change) {
        Optional<Incident> found = store.incident(id);
        if (found.isEmpty()) {
            return ActionAnswer.refused("there is no incident " + id);
        }
        Incident incident = found.get();
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
