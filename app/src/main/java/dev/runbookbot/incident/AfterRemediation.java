package dev.runbookbot.incident;

import dev.runbookbot.audit.IncidentId;
import dev.runbookbot.audit.RunId;
import dev.runbookbot.remediate.RunState;
import dev.runbookbot.runbook.Catalog;
import dev.runbookbot.runbook.RunbookSpec;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Where a remediating incident goes when its remediation has ended, so no incident stays "remediating" with nothing
 * running: back to open when it helped, to {@link IncidentState#NEEDS_ATTENTION} when it failed or its recovery check
 * said not recovered or could not tell, with the escalation timer running again (see {@link
 * IncidentLifecycle#afterRemediation}). While another run of the incident is still approved or running, nothing moves.
 * The parent message shows the new state and the thread says what a person can do. Thread-safe; quick (one store
 * write, chat calls that do not block).
 */
public final class AfterRemediation {
    private static final Set<RunState> STILL_WORKING = EnumSet.of(RunState.APPROVED, RunState.RUNNING);

    private final Catalog catalog;
    private final IncidentStore store;
    private final ChatGateway chat;

    public AfterRemediation(Catalog catalog, IncidentStore store, ChatGateway chat) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.store = Objects.requireNonNull(store, "store");
        this.chat = Objects.requireNonNull(chat, "chat");
    }

    /**
     * @param helped whether the remediation helped (its recovery check said recovered)
     * @param reason why, in one sentence, for the timeline and the thread
     */
    public Optional<Incident> ended(IncidentId id, RunId run, boolean helped, String reason) {
        boolean othersWorking =
                store.runs(id).stream().anyMatch(r -> !r.id().equals(run) && STILL_WORKING.contains(r.state()));
        if (othersWorking) {
            return Optional.empty();
        }
        Optional<Incident> before = store.incident(id);
        Optional<RunbookSpec> runbook = before.flatMap(
                i -> catalog.version(i.runbookId(), i.runbookVersion()).or(() -> catalog.byId(i.runbookId())));
        Duration escalateAfter = Duration.ofMinutes(
                runbook.map(r -> r.escalation().escalateAfterMinutes()).orElse(15));
        Optional<Incident> after =
                store.afterRemediation(id, helped, escalateAfter, reason).appliedValue();
        after.ifPresent(incident -> {
            if (!helped) {
                chat.note(
                        incident,
                        id + " needs a person: " + reason + ". Resolve it (`/runbook resolve " + id
                                + "`), run its diagnostics again, or escalate it (`/runbook escalate " + id + "`)"
                                + incident.escalationDeadline()
                                        .map(d -> "; it escalates by itself at " + d + " unless someone takes it")
                                        .orElse("")
                                + ".");
            }
            runbook.ifPresent(r -> chat.showIncident(incident, r));
        });
        return after;
    }
}
