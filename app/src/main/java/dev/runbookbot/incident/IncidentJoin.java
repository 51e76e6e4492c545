package dev.runbookbot.incident;

import dev.runbookbot.audit.NewTimelineEvent;
import dev.runbookbot.audit.TimelineKind;
import java.time.Clock;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One problem, one thread: a run by hand ({@code /runbook run}, the CLI) of a runbook that already has an open incident
 * opened by an alert for the same environment joins that incident instead of opening a second one, and so does an
 * alert for a runbook and environment that a person is already working on by hand. The thread says who joined it,
 * once per joining alert (its dedup key), every time for a person. A run of a single step ({@code --step}) always
 * gets its own thread. Thread-safe.
 */
final class IncidentJoin {
    private final IncidentStore store;
    private final ChatGateway chat;
    private final Clock clock;

    IncidentJoin(IncidentStore store, ChatGateway chat, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.chat = Objects.requireNonNull(chat, "chat");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The open incident {@code request} joins, if any, already told in its thread. */
    Optional<Incident> join(RunRequest request, String runbookId, String environment) {
        if (request.onlyStep().isPresent()) {
            return Optional.empty();
        }
        boolean byHand = request.dedupKey().isEmpty();
        Optional<Incident> open = store.incidents(true, Integer.MAX_VALUE).stream()
                .filter(i -> i.runbookId().equals(runbookId)
                        && i.environment().equals(environment)
                        && (byHand ? i.dedupKey().isPresent() : i.dedupKey().isEmpty()))
                .findFirst();
        open.ifPresent(incident -> tell(incident, request));
        return open;
    }

    private void tell(Incident incident, RunRequest request) {
        String who = request.requester().userId();
        String how = request.source().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        if (request.dedupKey().isPresent()) {
            String marker = "joined:" + incident.id() + ":" + request.dedupKey().get();
            if (store.recordDelivery(marker, "incident-join", "{}").duplicate()) {
                return;
            }
            store.markDeliveryProcessed(marker, "told in the thread of " + incident.id());
        }
        String text = (request.dedupKey().isPresent() ? "An alert (" + how + ", " + who + ")" : who + " (" + how + ")")
                + " asked to run runbook " + incident.runbookId() + " for " + incident.environment()
                + ", which this incident is already handling: it joined this thread instead of opening another.";
        store.append(NewTimelineEvent.of(incident.id(), clock.instant(), TimelineKind.NOTE, who, text, ""));
        chat.note(incident, text);
    }
}
