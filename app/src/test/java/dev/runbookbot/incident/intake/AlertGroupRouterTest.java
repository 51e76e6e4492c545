package dev.runbookbot.incident.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.alert.alertmanager.AlertFingerprint;
import dev.runbookbot.audit.IncidentId;
import dev.runbookbot.audit.TimelineKind;
import dev.runbookbot.incident.Incident;
import dev.runbookbot.incident.IncidentState;
import dev.runbookbot.testing.AlertmanagerPayloads;
import dev.runbookbot.testing.InMemoryAlertLedger;
import dev.runbookbot.testing.InMemoryIncidentStore;
import dev.runbookbot.testing.IncidentTestBed;
import dev.runbookbot.testing.ManualClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One Alertmanager group is one incident; its alerts join, repeat and resolve in it; stale firings are ignored. */
class AlertGroupRouterTest {
    private static final String GROUP = "{}/{severity=\"page\"}:{alertname=\"PaymentsSlow\"}";
    private static final String OTHER_RUNBOOK = """
            id: db-connections
            name: Database connections
            description: connections of the payments database
            severity: P2
            service: payments-db
            triggers:
              - type: alert
                alertName: DbConnectionsHigh
            diagnostics:
              - id: connections
                name: Connections
                description: open connections
                type: shell_command
                config: {argv: [echo, "10"]}
                interpret:
                  healthy: "value < 90.0"
            decisionTree: []
            remediations: []
            escalation: {primary: "#inc-db"}
            """;

    private final ManualClock clock = ManualClock.at("2026-11-23T07:08:00Z");
    private final Instant startsAt = clock.instant().minusSeconds(120);
    private final InMemoryIncidentStore store = new InMemoryIncidentStore(clock);
    private final InMemoryAlertLedger ledger = new InMemoryAlertLedger();
    private final IncidentTestBed bed = new IncidentTestBed(store, clock, IncidentTestBed.PAYMENTS, OTHER_RUNBOOK);
    private final List<Incident> opened = new ArrayList<>();
    private final AlertRouter router = new AlertRouter(
            bed.catalog(),
            bed.service(),
            store,
            store,
            ledger,
            bed.chat(),
            new AlertRouting("env", Optional.of("#alerts-unrouted")),
            opened::add);

    @AfterEach
    void close() {
        bed.close();
    }

    @Test
    void tenAlertsOfOneNotificationOpenOneIncidentThatListsThemAll() {
        String outcome = router.routeGroup(notification(pay(10), List.of(), 0));

        assertEquals("opened INC-1 (runbook payments-slow) for 10 alert(s) of group " + GROUP, outcome);
        assertEquals(1, store.incidents(false, 10).size());
        assertEquals(1, opened.size());
        assertEquals(
                Optional.of(AlertFingerprint.of(pay(10).get(0))), opened.get(0).dedupKey(), "the first leads");
        assertEquals(1, threads(), "one thread");
        String listed = onlyNote("This incident covers");
        assertTrue(listed.startsWith("note INC-1 This incident covers 10 firing alert(s) of one Alertmanager group:"));
        for (int i = 0; i < 10; i++) {
            assertTrue(listed.contains("• PaymentsSlow {instance=pay-" + i + "}"), listed);
        }
        assertEquals(10, ledger.ofIncident(new IncidentId(1)).size());
    }

    @Test
    void alertsLeftOutOfTheNotificationAreCounted() {
        router.routeGroup(notification(pay(3), List.of(), 7));

        assertTrue(onlyNote("This incident covers").contains("\n7 more truncated: Alertmanager left them out"));
    }

    @Test
    void anAlertJoiningLaterIsAnnouncedOnceAndRepeatsAreOnlyRecorded() {
        router.routeGroup(notification(pay(2), List.of(), 0));
        int calls = bed.chat().calls().size();

        assertEquals(
                "group " + GROUP + " updated on INC-1: 1 joined, 0 resolved",
                router.routeGroup(notification(pay(3), List.of(), 0)));
        assertEquals("repeat of INC-1", router.routeGroup(notification(pay(3), List.of(), 0)));

        assertEquals(1, store.incidents(false, 10).size());
        List<String> since =
                bed.chat().calls().subList(calls, bed.chat().calls().size());
        assertEquals(
                List.of("note INC-1 1 alert(s) joined this incident's Alertmanager group:\n"
                        + "• PaymentsSlow {instance=pay-2}: PaymentsSlow is firing"),
                since);
        List<String> timeline = bed.timeline(new IncidentId(1), TimelineKind.ALERT);
        assertTrue(
                timeline.contains("alert group repeated: 3 alerts of group " + GROUP + " are still firing"),
                timeline.toString());
    }

    @Test
    void theIncidentResolvesWhenTheLastAlertOfTheGroupResolves() {
        router.routeGroup(notification(pay(3), List.of(), 0));

        String partly = router.routeGroup(notification(pay(3).subList(2, 3), pay(2), 0));
        assertEquals("group " + GROUP + " updated on INC-1: 0 joined, 2 resolved", partly);
        assertTrue(store.incident(new IncidentId(1)).orElseThrow().isOpen());
        assertTrue(onlyNote("alert(s) resolved").endsWith("\n1 alert(s) of the group still firing."));

        assertEquals("resolved INC-1", router.routeGroup(notification(List.of(), pay(3), 0)));
        assertEquals(
                IncidentState.RESOLVED,
                store.incident(new IncidentId(1)).orElseThrow().state());
        assertEquals(
                "note INC-1 Resolved by Alertmanager at " + clock.instant()
                        + ": all 3 alerts of the group have resolved.",
                onlyNote("Resolved by Alertmanager"));
    }

    @Test
    void leftOutAlertsStillFiringKeepTheIncidentOpen() {
        router.routeGroup(notification(pay(2), List.of(), 1));

        router.routeGroup(notification(List.of(), pay(2), 1));

        assertTrue(store.incident(new IncidentId(1)).orElseThrow().isOpen(), "Alertmanager says one more still fires");
    }

    @Test
    void aStaleFiringAfterItsResolutionOpensNothingAndARealRefireDoes() {
        List<Map<String, String>> one = pay(1);
        router.routeGroup(notification(one, List.of(), 0));
        router.routeGroup(notification(List.of(), one, 0));
        assertEquals(
                IncidentState.RESOLVED,
                store.incident(new IncidentId(1)).orElseThrow().state());

        String stale = router.routeGroup(notification(one, List.of(), 0));

        assertTrue(stale.startsWith("stale firing ignored: alert PaymentsSlow (fingerprint "), stale);
        assertTrue(
                stale.endsWith(" started at " + startsAt + ", not after its recorded resolution at " + clock.instant()),
                stale);
        assertEquals(1, store.incidents(false, 10).size(), "nothing re-opened, nothing proposed");
        assertTrue(bed.timeline(new IncidentId(1), TimelineKind.ALERT).contains(stale));

        String refired = router.routeGroup(AlertmanagerPayloads.mapped(AlertmanagerPayloads.group(
                        GROUP, one, List.of(), clock.instant().plusSeconds(30), clock.instant(), 0))
                .events());
        assertTrue(refired.startsWith("opened INC-2"), refired);
        assertEquals(
                Optional.of(new IncidentId(1)),
                store.incident(new IncidentId(2)).orElseThrow().previousIncident());
    }

    @Test
    void aResolutionSeenBeforeItsFiringMakesTheLateFiringStale() {
        List<Map<String, String>> one = pay(1);
        assertEquals(
                "resolved; no open incident for group " + GROUP, router.routeGroup(notification(List.of(), one, 0)));

        router.routeGroup(notification(one, List.of(), 0));

        assertEquals(List.of(), store.incidents(false, 10));
    }

    @Test
    void alertsOfOtherRunbooksStayInTheGroupsIncidentAndTheThreadNamesTheirRunbook() {
        List<Map<String, String>> mixed = new ArrayList<>(pay(2));
        mixed.add(AlertmanagerPayloads.labels("DbConnectionsHigh", "instance", "db-1"));
        mixed.add(AlertmanagerPayloads.labels("UnknownAlert", "instance", "x"));

        router.routeGroup(notification(mixed, List.of(), 0));

        assertEquals(1, store.incidents(false, 10).size());
        assertEquals("payments-slow", store.incidents(false, 10).get(0).runbookId());
        String listed = onlyNote("This incident covers");
        assertTrue(listed.contains("• UnknownAlert {instance=x}"), listed);
        assertTrue(
                listed.endsWith("\n1 of them match runbook db-connections, not this incident's payments-slow: one group"
                        + " is one incident; run `/runbook run db-connections` to diagnose them with it."),
                listed);
    }

    @Test
    void aGroupNoRunbookHandlesIsPostedOnceInOneMessage() {
        List<Map<String, String>> unknown = IntStream.range(0, 3)
                .mapToObj(i -> AlertmanagerPayloads.labels("DiskFull", "instance", "db-" + i))
                .toList();

        String outcome = router.routeGroup(notification(unknown, List.of(), 0));
        router.routeGroup(notification(unknown, List.of(), 0));

        assertTrue(outcome.endsWith("3 alert(s) posted to #alerts-unrouted"), outcome);
        List<String> posts = bed.chat().calls().stream()
                .filter(c -> c.startsWith("post #alerts-unrouted"))
                .toList();
        assertEquals(1, posts.size(), posts.toString());
        assertTrue(posts.get(0).contains("db-0") && posts.get(0).contains("db-2"), posts.get(0));
        assertEquals(List.of(), store.incidents(false, 10));
    }

    private List<AlertEvent> notification(
            List<Map<String, String>> firing, List<Map<String, String>> resolved, int truncated) {
        return AlertmanagerPayloads.mapped(
                        AlertmanagerPayloads.group(GROUP, firing, resolved, startsAt, clock.instant(), truncated))
                .events();
    }

    private static List<Map<String, String>> pay(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> AlertmanagerPayloads.labels("PaymentsSlow", "instance", "pay-" + i))
                .toList();
    }

    private long threads() {
        return bed.chat().calls().stream()
                .filter(c -> c.startsWith("openThread "))
                .count();
    }

    private String onlyNote(String containing) {
        List<String> notes = bed.chat().calls().stream()
                .filter(c -> c.startsWith("note ") && c.contains(containing))
                .toList();
        assertEquals(1, notes.size(), bed.chat().calls().toString());
        return notes.get(0);
    }
}
