package dev.runbookbot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.audit.AutomationEvent;
import dev.runbookbot.audit.AutomationResult;
import dev.runbookbot.audit.ChatLocation;
import dev.runbookbot.audit.NewTimelineEvent;
import dev.runbookbot.audit.TimelineEvent;
import dev.runbookbot.audit.TimelineKind;
import dev.runbookbot.incident.Incident;
import dev.runbookbot.incident.IncidentState;
import dev.runbookbot.incident.IncidentStore;
import dev.runbookbot.incident.IncidentStoreContract;
import dev.runbookbot.remediate.RemediationRun;
import dev.runbookbot.remediate.RunState;
import dev.runbookbot.testing.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on a real SQLite file, so WAL, locking and the write discipline are the real ones; plus what only a file can show. */
class JdbiIncidentStoreTest extends IncidentStoreContract {
    @TempDir
    Path directory;

    private SqliteDatabase database;

    @Override
    protected IncidentStore newStore(ManualClock clock) {
        database = SqliteDatabase.open(StoreOptions.at(directory.resolve("runbook-bot.db")), clock);
        return new JdbiIncidentStore(database, clock);
    }

    @Override
    protected void closeStore() {
        database.close();
    }

    private void reopen() {
        database.close();
        store = newStore(clock);
    }

    @Test
    void everythingSurvivesClosingAndReopeningTheFile() {
        Incident incident = opened(alert("fp-1"));
        applied(store.attachThread(incident.id(), new ChatLocation("C0INCIDENTS", "1714557600.000100")));
        RemediationRun pending = proposed(incident.id(), 2);
        applied(store.approve(pending.id(), "U1", "first of two"));
        applied(store.attachMessage(pending.id(), new ChatLocation("C0INCIDENTS", "1714557601.000100")));
        store.recordDelivery("am:1", "alertmanager", "{}");
        Incident before = store.incident(incident.id()).orElseThrow();
        RemediationRun runBefore = store.run(pending.id()).orElseThrow();
        List<TimelineEvent> timelineBefore = store.timeline(incident.id());

        reopen();

        assertEquals(Optional.of(before), store.incident(incident.id()));
        assertEquals(Optional.of(runBefore), store.run(pending.id()));
        assertEquals(timelineBefore, store.timeline(incident.id()));
        assertEquals(List.of(runBefore), store.runsAwaitingApproval());
        assertEquals(
                List.of("am:1"),
                store.unprocessedDeliveries(10).stream().map(d -> d.key()).toList());
        assertEquals(
                RunState.APPROVED,
                applied(store.approve(pending.id(), "U2", "")).state());
    }

    @Test
    void theArticlesOverridesQueryRunsAsWritten() {
        Incident incident = opened(alert("fp-1"));
        for (String action : List.of("flush_cache", "flush_cache", "restart_service")) {
            store.record(new AutomationEvent(
                    Optional.of(incident.id()),
                    Optional.empty(),
                    T0,
                    "payments",
                    "prod",
                    action,
                    AutomationResult.REQUIRES_MANUAL,
                    "U1",
                    ""));
        }
        List<Map<String, Object>> rows =
                database.read(h -> h.createQuery("""
                        select action, count(*) as overrides
                        from automation_event
                        where status = 'requires_manual'
                        group by action
                        order by overrides desc;""").mapToMap().list());
        assertEquals(
                List.of(
                        Map.of("action", "flush_cache", "overrides", 2),
                        Map.of("action", "restart_service", "overrides", 1)),
                rows);
    }

    @Test
    void aStaleCompareAndSetChangesNothing() {
        Incident incident = opened(alert("fp-1"));
        IncidentRow moved = IncidentRow.of(incident);
        int updated = database.write(h -> h.attach(IncidentDao.class).update(moved, "OPEN", 7));
        assertEquals(0, updated, "version 7 is not the row's version");
        int wrongState = database.write(h -> h.attach(IncidentDao.class).update(moved, "DIAGNOSING", 0));
        assertEquals(0, wrongState);
        assertEquals(
                1,
                database.write(h -> h.attach(IncidentDao.class).update(moved, "OPEN", 0))
                        .intValue());
    }

    @Test
    void concurrentAppendsAndTransitionsAllLandExactlyOnce() throws Exception {
        List<Incident> incidents = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            incidents.add(opened(alert("fp-" + i, "service-" + i, "prod")));
        }
        int perThread = 50;
        List<List<TimelineEvent>> appended = race(4, t -> {
            List<TimelineEvent> mine = new ArrayList<>();
            for (int n = 0; n < perThread; n++) {
                mine.add(store.append(NewTimelineEvent.of(
                        incidents.get(t).id(), T0, TimelineKind.DIAGNOSTIC, "runbook-bot", "reading " + n, "")));
                if (n % 10 == 0) {
                    store.moveTo(
                            incidents.get(t).id(),
                            n % 20 == 0 ? IncidentState.DIAGNOSING : IncidentState.AWAITING_APPROVAL,
                            "runbook-bot",
                            "step " + n);
                }
            }
            RemediationRun run = proposed(incidents.get(t).id(), 1);
            applied(store.approve(run.id(), "U" + t, ""));
            applied(store.start(run.id(), "U" + t, "w" + t, Duration.ofSeconds(60)));
            applied(store.finish(run.id(), RunState.SUCCEEDED, "w" + t, "done", ""));
            return mine;
        });
        Set<Long> ids = new HashSet<>();
        appended.forEach(list -> list.forEach(e -> ids.add(e.id())));
        assertEquals(4 * perThread, ids.size(), "every append got its own id");
        for (int t = 0; t < 4; t++) {
            List<TimelineEvent> timeline = store.timeline(incidents.get(t).id());
            assertTrue(timeline.containsAll(appended.get(t)));
            assertEquals(
                    RunState.SUCCEEDED, store.runs(incidents.get(t).id()).get(0).state());
        }
        assertEquals("ok", database.integrityCheck());
    }

    @Test
    void theCliReadsTheBotsFileReadOnlyWhileTheBotRuns() {
        Incident incident = opened(alert("fp-1"));
        RemediationRun running = running(incident.id(), "w1");
        Path file = directory.resolve("runbook-bot.db");
        assertEquals(List.of(incident), JdbiIncidentQueries.readOnly(file, q -> q.incidents(false, 10)));
        assertEquals(store.timeline(incident.id()), JdbiIncidentQueries.readOnly(file, q -> q.timeline(incident.id())));
        assertEquals(RunState.RUNNING, store.run(running.id()).orElseThrow().state(), "reading recovered nothing");
        store.append(NewTimelineEvent.of(incident.id(), T0, TimelineKind.NOTE, "U1", "the bot still writes", ""));
    }
}
