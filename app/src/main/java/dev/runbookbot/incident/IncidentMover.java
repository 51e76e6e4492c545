package dev.runbookbot.incident;

import dev.runbookbot.remediate.TransitionResult;
import dev.runbookbot.runbook.RunbookSpec;
import java.util.Objects;

/**
 * Moves an incident to the state its work has reached (diagnosing, awaiting approval, remediating) as the bot, and
 * shows the new state on the incident's parent message. A move the store refuses (someone resolved it meanwhile) leaves
 * the incident as the store has it, and that is what is shown.
 */
final class IncidentMover {
    private final IncidentStore store;
    private final ChatGateway chat;

    IncidentMover(IncidentStore store, ChatGateway chat) {
        this.store = Objects.requireNonNull(store, "store");
        this.chat = Objects.requireNonNull(chat, "chat");
    }

    Incident moveTo(Incident incident, RunbookSpec runbook, IncidentState state, String reason) {
        if (incident.state() == state) {
            return incident;
        }
        TransitionResult<Incident> moved = store.moveTo(incident.id(), state, IncidentService.BOT, reason);
        Incident now = moved.appliedValue()
                .orElseGet(() -> store.incident(incident.id()).orElse(incident));
        chat.showIncident(now, runbook);
        return now;
    }
}
