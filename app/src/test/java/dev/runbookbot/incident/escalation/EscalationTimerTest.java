package dev.runbookbot.incident.escalation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.audit.Actor;
import dev.runbookbot.audit.TimelineKind;
import dev.runbookbot.incident.Incident;
import dev.runbookbot.incident.IncidentSource;
import dev.runbookbot.incident.IncidentState;
import dev.runbookbot.incident.IncidentStore;
import dev.runbookbot.incident.RunRequest;
import dev.runbookbot.incident.StartResult;
import dev.runbookbot.remediate.Page;
import dev.runbookbot.remediate.PageResult;
import dev.runbookbot.remediate.Pager;
import dev.runbookbot.store.JdbiIncidentStore;
import dev.runbookbot.store.SqliteDatabase;
import dev.runbookbot.store.StoreOptions;
import dev.runbookbot.testing.InMemoryIncidentStore;
import dev.runbookbot.testing.IncidentTestBed;
import dev.runbookbot.testing.ManualClock;
import dev.runbookbot.testing.ManualScheduler;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The escalation timer on a manual clock: nothing sleeps; the test moves the clock and asks the timer to look, as its
 * scheduled wake-up would. The scheduler's own wake-ups are an hour of real time away, so they never fire here.
 */
class EscalationTimerTest {
    private static final Duration NEVER_DURING_THE_TEST = Duration.ofHours(1);

    private final ManualClock clock = ManualClock.at("2026-11-23T03:00:00Z");
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final List<AutoCloseable> closing = new ArrayList<>();
    private final List<Page> pages = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void close() throws Exception {
        scheduler.shutdownNow();
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
    }

    @Test
    void anUnacknowledgedIncidentEscalatesToTheSecondaryChannelOnceItsDeadlinePasses() {
        IncidentTestBed bed = bed(new InMemoryIncidentStore(clock));
        EscalationTimer timer = timer(bed, Optional.empty(), NEVER_DURING_THE_TEST);
        Incident incident = open(bed);
        timer.incidentOpened(incident);
        assertEquals(Optional.of(Instant.parse("2026-11-23T03:20:00Z")), timer.nextWakeUp());

        clock.advance(Duration.ofMinutes(19));
        assertEquals(List.of(), timer.escalateDue(), "not due yet");
        clock.advance(Duration.ofMinutes(1));
        List<Incident> escalated = timer.escalateDue();

        assertEquals(
                List.of(incident.id()), escalated.stream().map(Incident::id).toList());
        Incident after = bed.store().incident(incident.id()).orElseThrow();
        assertEquals(IncidentState.ESCALATED, after.state());
        assertEquals(Optional.empty(), after.escalationDeadline());
        assertTrue(
                bed.chat()
                        .calls()
                        .contains("post #sre-escalation INC-1 has not been acknowledged within 20 minutes: PaymentsSlow"
                                + " (P1, payments, production). Thread: message 1001.000100 in #inc-payments"),
                bed.chat().calls().toString());
        assertTrue(
                bed.chat()
                        .calls()
                        .contains("note INC-1 Nobody acknowledged this incident within 20 minutes: posted to"
                                + " #sre-escalation."),
                bed.chat().calls().toString());
        assertEquals(
                List.of("INC-1 escalated: nobody acknowledged it within 20 minutes", "posted to #sre-escalation"),
                bed.timeline(incident.id(), TimelineKind.ESCALATION));
        assertEquals(List.of(), timer.escalateDue(), "escalated once");
        assertEquals(Optional.of(clock.instant().plus(NEVER_DURING_THE_TEST)), timer.nextWakeUp());
    }

    @Test
    void theScheduledWakeUpEscalatesWhenTheDeadlineComes() {
        ManualScheduler time = new ManualScheduler();
        IncidentTestBed bed = bed(new InMemoryIncidentStore(clock));
        IncidentEscalator escalator =
                new IncidentEscalator(bed.catalog(), bed.store(), bed.chat(), Optional.empty(), clock);
        EscalationTimer timer = new EscalationTimer(bed.store(), escalator, time, clock, NEVER_DURING_THE_TEST);
        closing.add(timer);
        Incident incident = open(bed);
        timer.incidentOpened(incident);

        clock.advance(Duration.ofMinutes(19));
        time.advance(Duration.ofMinutes(19));
        assertTrue(bed.store()
                .incident(incident.id())
                .orElseThrow()
                .escalationDeadline()
                .isPresent());
        clock.advance(Duration.ofMinutes(1));
        time.advance(Duration.ofMinutes(1));

        assertEquals(
                IncidentState.ESCALATED,
                bed.store().incident(incident.id()).orElseThrow().state());
        assertEquals(1, time.pending(), "and the next look is planned");
    }

    @Test
    void anAcknowledgedIncidentNeverEscalates() {
        IncidentTestBed bed = bed(new InMemoryIncidentStore(clock));
        EscalationTimer timer = timer(bed, Optional.empty(), NEVER_DURING_THE_TEST);
        Incident incident = open(bed);
        clock.advance(Duration.ofMinutes(5));
        assertTrue(bed.service()
                .acknowledge(incident.id(), new Actor("U-ONCALL", "T1"))
                .accepted());

        clock.advance(Duration.ofMinutes(30));

        assertEquals(List.of(), timer.escalateDue());
        assertTrue(
                bed.chat().calls().stream().noneMatch(c -> c.startsWith("post ")),
                bed.chat().calls().toString());
        assertEquals(List.of(), bed.timeline(incident.id(), TimelineKind.ESCALATION));
    }

    @Test
    void aResolvedIncidentNeverEscalates() {
        IncidentTestBed bed = bed(new InMemoryIncidentStore(clock));
        EscalationTimer timer = timer(bed, Optional.empty(), NEVER_DURING_THE_TEST);
        Incident incident = open(bed);
        bed.service().resolveFromAlert("fp-1", IncidentSource.ALERTMANAGER, clock.instant(), "Resolved by test.");

        clock.advance(Duration.ofMinutes(30));

        assertEquals(List.of(), timer.escalateDue());
        assertEquals(
                IncidentState.RESOLVED,
                bed.store().incident(incident.id()).orElseThrow().state());
    }

    @Test
    void theEarliestDeadlineIsTheNextWakeUpAndALaterIncidentDoesNotPostponeIt() {
        IncidentTestBed bed = bed(new InMemoryIncidentStore(clock));
        EscalationTimer timer = timer(bed, Optional.empty(), NEVER_DURING_THE_TEST);
        timer.incidentOpened(open(bed));
        clock.advance(Duration.ofMinutes(5));

        Incident later = open(bed, "fp-2");
        timer.incidentOpened(later);

        assertEquals(Optional.of(Instant.parse("2026-11-23T03:20:00Z")), timer.nextWakeUp());
        clock.advance(Duration.ofMinutes(15));
        assertEquals(1, timer.escalateDue().size());
        assertEquals(later.escalationDeadline(), timer.nextWakeUp(), "then the next deadline");
    }

    @Test
    void theTimerSleepsAtMostItsLongestSleep() {
        IncidentTestBed bed = bed(new InMemoryIncidentStore(clock));
        EscalationTimer timer = timer(bed, Optional.empty(), Duration.ofMinutes(50));
        timer.start();
        assertEquals(Optional.of(Instant.parse("2026-11-23T03:50:00Z")), timer.nextWakeUp());
    }

    @Test
    void aDeadlineThatPassedWhileTheBotWasDownEscalatesAtStartAndOnlyOnce() throws Exception {
        Path file = dir.resolve("runbook-bot.db");
        SqliteDatabase first = SqliteDatabase.open(StoreOptions.at(file), clock);
        IncidentTestBed before = new IncidentTestBed(new JdbiIncidentStore(first, clock), clock);
        Incident incident = open(before);
        EscalationTimer dead = timer(before, Optional.empty(), NEVER_DURING_THE_TEST);
        dead.incidentOpened(incident);
        dead.close();
        before.close();
        first.close();
        clock.advance(Duration.ofMinutes(45));

        SqliteDatabase reopened = SqliteDatabase.open(StoreOptions.at(file), clock);
        closing.add(reopened);
        IncidentTestBed after = bed(new JdbiIncidentStore(reopened, clock));
        EscalationTimer restarted = timer(after, Optional.empty(), NEVER_DURING_THE_TEST);
        EscalationTimer another = timer(after, Optional.empty(), NEVER_DURING_THE_TEST);

        assertEquals(
                List.of(incident.id()),
                restarted.start().stream().map(Incident::id).toList());
        assertEquals(List.of(), another.start(), "a second timer on the same store finds nothing left to do");
        assertEquals(
                1,
                after.chat().calls().stream()
                        .filter(c -> c.startsWith("post #sre-escalation"))
                        .count());
        assertEquals(
                IncidentState.ESCALATED,
                after.store().incident(incident.id()).orElseThrow().state());
    }

    @Test
    void withAPagerTheEscalationAlsoPagesWithTheIncidentIdAsDedupKey() {
        IncidentTestBed bed = bed(new InMemoryIncidentStore(clock));
        Pager pager = recordingPager(new PageResult.Paged("PagerDuty accepted the event"));
        EscalationTimer timer = timer(bed, Optional.of(pager), NEVER_DURING_THE_TEST);
        open(bed);
        clock.advance(Duration.ofMinutes(21));

        timer.escalateDue();

        assertEquals(1, pages.size());
        Page page = pages.get(0);
        assertEquals("INC-1", page.dedupKey());
        assertEquals("INC-1: PaymentsSlow", page.summary());
        assertEquals("payments", page.component());
        assertEquals("nobody acknowledged it within 20 minutes", page.details().get("why"));
        assertTrue(
                bed.chat()
                        .calls()
                        .contains("note INC-1 Nobody acknowledged this incident within 20 minutes: posted to"
                                + " #sre-escalation; paged FakeDuty (PagerDuty accepted the event)."),
                bed.chat().calls().toString());
    }

    private Incident open(IncidentTestBed bed) {
        return open(bed, "fp-1");
    }

    private Incident open(IncidentTestBed bed, String fingerprint) {
        StartResult result = bed.service()
                .start(new RunRequest(
                        "payments-slow",
                        Map.of(),
                        Optional.empty(),
                        Actor.system("alertmanager"),
                        IncidentSource.ALERTMANAGER,
                        Optional.empty(),
                        Map.of("alertname", "PaymentsSlow"),
                        Map.of(),
                        Optional.of(fingerprint),
                        Optional.empty(),
                        Optional.of("PaymentsSlow")));
        return ((StartResult.Started) result).incident();
    }

    private IncidentTestBed bed(IncidentStore store) {
        IncidentTestBed bed = new IncidentTestBed(store, clock);
        closing.add(bed);
        return bed;
    }

    private EscalationTimer timer(IncidentTestBed bed, Optional<Pager> pager, Duration maxSleep) {
        IncidentEscalator escalator = new IncidentEscalator(bed.catalog(), bed.store(), bed.chat(), pager, clock);
        EscalationTimer timer = new EscalationTimer(bed.store(), escalator, scheduler, clock, maxSleep);
        closing.add(timer);
        return timer;
    }

    private Pager recordingPager(PageResult answer) {
        return new Pager() {
            @Override
            public PageResult page(Page page) {
                pages.add(page);
                return answer;
            }

            @Override
            public String name() {
                return "FakeDuty";
            }
        };
    }
}
