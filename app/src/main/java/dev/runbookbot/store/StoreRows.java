package dev.runbookbot.store;

import dev.runbookbot.audit.AutomationEvent;
import dev.runbookbot.audit.IncidentId;
import dev.runbookbot.audit.NewTimelineEvent;
import dev.runbookbot.audit.RunId;
import dev.runbookbot.audit.TimelineEvent;
import dev.runbookbot.incident.Incident;
import java.time.temporal.ChronoUnit;
import org.jdbi.v3.core.Handle;

/** The rows every write of the incident store may add inside its transaction: timeline entries, automation events. */
final class StoreRows {
    private StoreRows() {}

    static TimelineEvent insertEvent(Handle h, SqlDialect dialect, NewTimelineEvent event) {
        TimelineDao timeline = h.attach(TimelineDao.class);
        NewTimelineEvent stored = new NewTimelineEvent(
                event.incidentId(),
                event.runId(),
                event.at().truncatedTo(ChronoUnit.MILLIS),
                event.kind(),
                event.actor(),
                event.summary(),
                event.detail());
        timeline.insert(
                stored.incidentId().value(),
                stored.runId().map(RunId::value).orElse(null),
                stored.at().toEpochMilli(),
                stored.kind().name(),
                stored.actor(),
                stored.summary(),
                stored.detail());
        return TimelineEvent.stored(dialect.lastInsertedId(h), stored);
    }

    static void insertAutomation(Handle h, AutomationEvent event) {
        h.attach(AutomationDao.class)
                .insert(
                        event.incidentId().map(IncidentId::value).orElse(null),
                        event.runId().map(RunId::value).orElse(null),
                        event.at().toEpochMilli(),
                        event.service(),
                        event.environment(),
                        event.action(),
                        event.result().label(),
                        event.actor(),
                        event.detail());
    }

    static Incident requireIncident(Handle h, IncidentId id) {
        return h.attach(IncidentDao.class)
                .find(id.value())
                .orElseThrow(() -> new IllegalArgumentException("no incident " + id));
    }

    static void requireRun(Handle h, RunId id) {
        if (!h.attach(RunDao.class).exists(id.value())) {
            throw new IllegalArgumentException("no run " + id);
        }
    }
}
