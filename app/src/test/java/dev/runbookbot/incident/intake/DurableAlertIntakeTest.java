package dev.runbookbot.incident.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.alert.MappedDelivery;
import dev.runbookbot.alert.alertmanager.AlertFingerprint;
import dev.runbookbot.audit.IncidentId;
import dev.runbookbot.audit.TimelineKind;
import dev.runbookbot.incident.Incident;
import dev.runbookbot.incident.IncidentState;
import dev.runbookbot.incident.IncidentStore;
import dev.runbookbot.incident.Recorded;
import dev.runbookbot.incident.StoreBusyException;
import dev.runbookbot.store.JdbiIncidentStore;
import dev.runbookbot.store.SqliteDatabase;
import dev.runbookbot.store.StoreOptions;
import dev.runbookbot.testing.AlertmanagerPayloads;
import dev.runbookbot.testing.InMemoryAlertLedger;
import dev.runbookbot.testing.InMemoryIncidentStore;
import dev.runbookbot.testing.IncidentTestBed;
import dev.runbookbot.testing.ManualClock;
import dev.runbookbot.testing.Poll;
import dev.runbookbot.web.StoredDeliveryDecoder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The durable intake: what it answers, that every accepted delivery is routed and marked processed, in order per alert,
 * and that deliveries acknowledged but never processed (a crash right after the 2xx) are routed after a restart.
 */
class DurableAlertIntakeTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Map<String, String> SUMMARY = Map.of("summary", "p99 above 2s");

    private final ManualClock clock = ManualClock.at("2026-11-23T07:08:00Z");
    private final ExecutorService workers = Executors.newFixedThreadPool(4);
    private final List<AutoCloseable> closing = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void close() throws Exception {
        workers.shutdownNow();
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
    }

    @Test
    void anAcceptedDeliveryIsRoutedAndMarkedProcessed() {
        InMemoryIncidentStore store = new InMemoryIncidentStore(clock);
        DurableAlertIntake intake = intake(store, store);
        Delivery delivery = firing("pay-1");

        IntakeResult result = accept(intake, delivery);

        assertEquals(IntakeResult.ACCEPTED, result);
        awaitProcessed(store);
        assertEquals(1, store.incidents(true, 10).size());
        assertEquals(
                Optional.of("opened INC-1 (runbook payments-slow)"),
                store.recordDelivery(delivery.key(), "x", "").value().outcome());
    }

    @Test
    void theSameDeliveryAgainIsADuplicateAndRoutedOnce() {
        InMemoryIncidentStore store = new InMemoryIncidentStore(clock);
        DurableAlertIntake intake = intake(store, store);
        Delivery delivery = firing("pay-1");

        assertEquals(IntakeResult.ACCEPTED, accept(intake, delivery));
        assertEquals(IntakeResult.DUPLICATE, accept(intake, delivery));
        awaitProcessed(store);
        assertEquals(IntakeResult.DUPLICATE, accept(intake, delivery));

        assertEquals(1, store.incidents(false, 10).size());
        assertEquals(List.of(), bedFor(store).timeline(new IncidentId(1), TimelineKind.ALERT), "never routed twice");
    }

    @Test
    void aReSendOfADeliveryThisProcessRecordedIsAnsweredWithoutAWrite() {
        InMemoryIncidentStore store = new InMemoryIncidentStore(clock);
        List<String> writes = new ArrayList<>();
        DeliveryLog counting = new DeliveryLog() {
            @Override
            public Recorded<InboundDelivery> recordDelivery(String key, String source, String body) {
                writes.add(key);
                return store.recordDelivery(key, source, body);
            }

            @Override
            public List<InboundDelivery> unprocessedDeliveries(int limit) {
                return store.unprocessedDeliveries(limit);
            }

            @Override
            public boolean markDeliveryProcessed(String key, String outcome) {
                return store.markDeliveryProcessed(key, outcome);
            }
        };
        DurableAlertIntake intake = intake(store, counting);
        Delivery delivery = firing("pay-1");

        assertEquals(IntakeResult.ACCEPTED, accept(intake, delivery));
        assertEquals(IntakeResult.DUPLICATE, accept(intake, delivery));
        assertEquals(IntakeResult.DUPLICATE, accept(intake, delivery));

        assertEquals(List.of(delivery.key()), writes);
        assertEquals(Optional.of(IntakeResult.DUPLICATE), intake.known(delivery.key()), "known without a write");
        assertEquals(Optional.empty(), intake.known(firing("pay-2").key()), "never recorded: not known");
        intake.close();
        assertEquals(Optional.of(IntakeResult.BUSY), intake.known(delivery.key()), "closed: every delivery is busy");
        assertEquals(List.of(delivery.key()), writes);
    }

    @Test
    void aBusyStoreIsAnsweredBusyAndNothingIsRecorded() {
        InMemoryIncidentStore store = new InMemoryIncidentStore(clock);
        DeliveryLog busy = new DeliveryLog() {
            @Override
            public Recorded<InboundDelivery> recordDelivery(String key, String source, String body) {
                throw new StoreBusyException("database is locked");
            }

            @Override
            public List<InboundDelivery> unprocessedDeliveries(int limit) {
                return store.unprocessedDeliveries(limit);
            }

            @Override
            public boolean markDeliveryProcessed(String key, String outcome) {
                return store.markDeliveryProcessed(key, outcome);
            }
        };
        DurableAlertIntake intake = intake(store, busy);

        assertEquals(IntakeResult.BUSY, accept(intake, firing("pay-1")));
        assertEquals(List.of(), store.unprocessedDeliveries(10));
    }

    @Test
    void aClosedIntakeAnswersBusySoTheSenderRetriesLater() {
        InMemoryIncidentStore store = new InMemoryIncidentStore(clock);
        DurableAlertIntake intake = intake(store, store);
        intake.close();

        assertEquals(IntakeResult.BUSY, accept(intake, firing("pay-1")));
        assertEquals(List.of(), store.unprocessedDeliveries(10));
    }

    @Test
    void aResolutionRightBehindItsFiringIsRoutedAfterIt() {
        InMemoryIncidentStore store = new InMemoryIncidentStore(clock);
        DurableAlertIntake intake = intake(store, store);
        Map<String, String> labels = AlertmanagerPayloads.labels("PaymentsSlow", "instance", "pay-1");
        Instant start = clock.instant().minusSeconds(60);

        for (int i = 0; i < 20; i++) {
            Map<String, String> other = AlertmanagerPayloads.labels("PaymentsSlow", "instance", "other-" + i);
            accept(intake, Delivery.of(AlertmanagerPayloads.firing(other, SUMMARY, start)));
        }
        accept(intake, Delivery.of(AlertmanagerPayloads.firing(labels, SUMMARY, start)));
        accept(intake, Delivery.of(AlertmanagerPayloads.resolved(labels, SUMMARY, start, start.plusSeconds(30))));
        awaitProcessed(store);

        Incident incident = store.incidents(false, 100).stream()
                .filter(i -> i.dedupKey().equals(Optional.of(AlertFingerprint.of(labels))))
                .findFirst()
                .orElseThrow();
        assertEquals(IncidentState.RESOLVED, incident.state());
        assertEquals(21, store.incidents(false, 100).size());
    }

    @Test
    void aDeliveryAcknowledgedJustBeforeACrashIsRoutedAfterTheRestart() throws Exception {
        Path file = dir.resolve("runbook-bot.db");
        SqliteDatabase first = SqliteDatabase.open(StoreOptions.at(file), clock);
        JdbiIncidentStore before = new JdbiIncidentStore(first, clock);
        IncidentTestBed bed = new IncidentTestBed(before, clock);
        // Workers that never run: the process "dies" right after the 2xx, before any routing.
        DurableAlertIntake dying =
                new DurableAlertIntake(before, new StoredDeliveryDecoder(), router(bed, before), task -> {}, 4, 100);
        Delivery delivery = firing("pay-1");
        assertEquals(IntakeResult.ACCEPTED, accept(dying, delivery));
        bed.close();
        first.close();

        SqliteDatabase reopened = SqliteDatabase.open(StoreOptions.at(file), clock);
        closing.add(reopened);
        JdbiIncidentStore after = new JdbiIncidentStore(reopened, clock);
        IncidentTestBed restarted = new IncidentTestBed(after, clock);
        closing.add(restarted);
        assertEquals(List.of(), after.incidents(false, 10), "nothing was routed before the crash");
        DurableAlertIntake intake =
                new DurableAlertIntake(after, new StoredDeliveryDecoder(), router(restarted, after), workers, 4, 100);

        assertEquals(1, intake.start());
        awaitProcessed(after);

        Incident incident = after.incidents(false, 10).get(0);
        assertEquals(Optional.of(AlertFingerprint.of(payLabels("pay-1"))), incident.dedupKey());
        assertTrue(
                restarted.chat().calls().contains("openThread #inc-payments INC-1"),
                restarted.chat().calls().toString());
        assertEquals(IntakeResult.DUPLICATE, accept(intake, delivery), "Alertmanager's retry is still a duplicate");
    }

    @Test
    void aStoredBodyThatCannotBeReadIsMarkedWithTheReason() {
        InMemoryIncidentStore store = new InMemoryIncidentStore(clock);
        store.recordDelivery("alertmanager:broken", "alertmanager", "{\"version\": \"3\"}");
        DurableAlertIntake intake = intake(store, store);

        assertEquals(0, intake.start());

        InboundDelivery broken =
                store.recordDelivery("alertmanager:broken", "x", "").value();
        assertTrue(
                broken.outcome().orElseThrow().startsWith("not processed: the stored body cannot be read (version:"),
                broken.outcome().toString());
    }

    @Test
    void deliveriesOfOtherSourcesAreLeftAlone() {
        InMemoryIncidentStore store = new InMemoryIncidentStore(clock);
        store.recordDelivery("slack:Ev123", "slack", "{}");
        DurableAlertIntake intake = intake(store, store);

        assertEquals(0, intake.start());
        assertEquals(1, store.unprocessedDeliveries(10).size());
    }

    @Test
    void whenTheQueueIsFullTheDeliveryWaitsRecordedForTheNextSweep() {
        InMemoryIncidentStore store = new InMemoryIncidentStore(clock);
        List<Runnable> held = new ArrayList<>();
        IncidentTestBed bed = bedFor(store);
        DurableAlertIntake intake =
                new DurableAlertIntake(store, new StoredDeliveryDecoder(), router(bed, store), held::add, 1, 1);

        assertEquals(IntakeResult.ACCEPTED, accept(intake, firing("pay-1")));
        assertEquals(IntakeResult.ACCEPTED, accept(intake, firing("pay-2")), "the sender is never refused");
        assertEquals(1, held.size(), "only one event fits in the queue");
        held.remove(0).run();
        assertEquals(1, store.unprocessedDeliveries(10).size());

        assertEquals(1, intake.sweep());
        held.remove(0).run();

        assertEquals(List.of(), store.unprocessedDeliveries(10));
        assertEquals(2, store.incidents(true, 10).size());
    }

    @Test
    void aDeliveryWhoseRoutingKeepsFailingIsGivenUpAfterItsAttempts() {
        InMemoryIncidentStore store = new InMemoryIncidentStore(clock);
        DeliveryLog failingMarkers = new DeliveryLog() {
            @Override
            public Recorded<InboundDelivery> recordDelivery(String key, String source, String body) {
                if (key.startsWith("unmatched:")) {
                    throw new IllegalStateException("a bug in the marker");
                }
                return store.recordDelivery(key, source, body);
            }

            @Override
            public List<InboundDelivery> unprocessedDeliveries(int limit) {
                return store.unprocessedDeliveries(limit);
            }

            @Override
            public boolean markDeliveryProcessed(String key, String outcome) {
                return store.markDeliveryProcessed(key, outcome);
            }
        };
        IncidentTestBed bed = bedFor(store);
        AlertRouter router = new AlertRouter(
                bed.catalog(),
                bed.service(),
                store,
                failingMarkers,
                new InMemoryAlertLedger(),
                bed.chat(),
                AlertRouting.defaults(),
                incident -> {});
        DurableAlertIntake intake =
                new DurableAlertIntake(failingMarkers, new StoredDeliveryDecoder(), router, Runnable::run, 1, 10);
        Delivery unknown = Delivery.of(
                AlertmanagerPayloads.firing(AlertmanagerPayloads.labels("NoRunbook"), SUMMARY, clock.instant()));

        accept(intake, unknown);
        for (int sweep = 1; sweep < DurableAlertIntake.MAX_ATTEMPTS; sweep++) {
            assertEquals(1, store.unprocessedDeliveries(10).size(), "attempt " + sweep + " failed; it stays");
            intake.sweep();
        }

        assertEquals(List.of(), store.unprocessedDeliveries(10));
        assertEquals(
                Optional.of("given up after 5 attempts: IllegalStateException: a bug in the marker"),
                store.recordDelivery(unknown.key(), "x", "").value().outcome());
    }

    @Test
    void aDeliveryWithoutAlertsIsRecordedAndProcessed() {
        InMemoryIncidentStore store = new InMemoryIncidentStore(clock);
        DurableAlertIntake intake = intake(store, store);

        assertEquals(IntakeResult.ACCEPTED, intake.accept(List.of(), "{}", "alertmanager:empty"));

        assertEquals(
                Optional.of("no alerts in this delivery"),
                store.recordDelivery("alertmanager:empty", "x", "").value().outcome());
    }

    // ---- helpers

    private DurableAlertIntake intake(IncidentStore store, DeliveryLog deliveries) {
        IncidentTestBed bed = bedFor(store);
        return new DurableAlertIntake(deliveries, new StoredDeliveryDecoder(), router(bed, store), workers, 4, 1_000);
    }

    private IncidentTestBed bedFor(IncidentStore store) {
        IncidentTestBed bed = new IncidentTestBed(store, clock);
        closing.add(bed);
        return bed;
    }

    private static AlertRouter router(IncidentTestBed bed, IncidentStore store) {
        return new AlertRouter(
                bed.catalog(),
                bed.service(),
                store,
                store,
                new InMemoryAlertLedger(),
                bed.chat(),
                AlertRouting.defaults(),
                incident -> {});
    }

    /** A webhook body as it arrived and as the route mapped it. */
    private record Delivery(String body, MappedDelivery mapped) {
        static Delivery of(String body) {
            return new Delivery(body, AlertmanagerPayloads.mapped(body));
        }

        String key() {
            return mapped.deliveryKey();
        }
    }

    private static IntakeResult accept(DurableAlertIntake intake, Delivery delivery) {
        return intake.accept(delivery.mapped().events(), delivery.body(), delivery.key());
    }

    private Delivery firing(String instance) {
        return Delivery.of(AlertmanagerPayloads.firing(
                payLabels(instance), SUMMARY, clock.instant().minusSeconds(30)));
    }

    private static Map<String, String> payLabels(String instance) {
        return AlertmanagerPayloads.labels("PaymentsSlow", "instance", instance);
    }

    private static void awaitProcessed(DeliveryLog log) {
        Poll.until(
                "every delivery processed",
                WAIT,
                () -> log.unprocessedDeliveries(10).isEmpty() ? Optional.of(true) : Optional.empty());
    }
}
