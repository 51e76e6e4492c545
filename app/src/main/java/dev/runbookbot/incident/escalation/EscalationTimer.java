package dev.runbookbot.incident.escalation;

import dev.runbookbot.incident.Incident;
import dev.runbookbot.incident.IncidentQueries;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Escalates incidents nobody acknowledged in time. The deadlines live in the store as absolute instants, so the timer
 * holds nothing a restart could lose: {@link #start()} reads {@link IncidentQueries#pendingEscalations()}, escalates
 * what is overdue (including what fell due while the bot was down) and sleeps until the earliest remaining deadline,
 * at most {@code maxSleep} (so incidents opened elsewhere, such as by a slash command, are seen within that time
 * without being announced). {@link #incidentOpened} wakes it earlier for a new incident with an earlier deadline.
 *
 * <p>The escalation itself is the {@link IncidentEscalator}'s compare-and-set, so an early or repeated wake-up, or two
 * timers on one store, escalate each incident once. Times come from the injected {@link Clock}; the scheduler only
 * decides when to look again. Thread-safe.
 */
public final class EscalationTimer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EscalationTimer.class);

    private final IncidentQueries queries;
    private final IncidentEscalator escalator;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final Duration maxSleep;
    private final BooleanSupplier onDuty;
    private ScheduledFuture<?> next;
    private Instant nextAt;
    private boolean closed;

    public EscalationTimer(
            IncidentQueries queries,
            IncidentEscalator escalator,
            ScheduledExecutorService scheduler,
            Clock clock,
            Duration maxSleep) {
        this(queries, escalator, scheduler, clock, maxSleep, () -> true);
    }

    /**
     * As above, on one of several replicas: a look escalates only while {@code onDuty} says this replica does the
     * background work (docs/scaling.md); otherwise it only plans the next look.
     */
    public EscalationTimer(
            IncidentQueries queries,
            IncidentEscalator escalator,
            ScheduledExecutorService scheduler,
            Clock clock,
            Duration maxSleep,
            BooleanSupplier onDuty) {
        if (maxSleep.isNegative() || maxSleep.isZero()) {
            throw new IllegalArgumentException(
                    "the escalation timer's longest sleep must be positive, not " + maxSleep);
        }
        this.queries = queries;
        this.escalator = escalator;
        this.scheduler = scheduler;
        this.clock = clock;
        this.maxSleep = maxSleep;
        this.onDuty = onDuty;
    }

    /** Escalates what is overdue now (on the calling thread) and schedules the next look. */
    public List<Incident> start() {
        return escalateDue();
    }

    /** A new incident: if its deadline comes before the next planned look, look then instead. */
    public void incidentOpened(Incident incident) {
        incident.escalationDeadline().ifPresent(this::wakeBy);
    }

    /**
     * Escalates every pending incident whose deadline has passed, then schedules the next look at the earliest
     * deadline still ahead (or after {@code maxSleep}). Returns the incidents it escalated.
     */
    public List<Incident> escalateDue() {
        List<Incident> escalated = new ArrayList<>();
        Optional<Instant> earliestAhead = Optional.empty();
        if (!onDuty.getAsBoolean()) {
            schedule(clock.instant().plus(maxSleep), true);
            return escalated;
        }
        try {
            Instant now = clock.instant();
            for (Incident pending : queries.pendingEscalations()) {
                Instant deadline = pending.escalationDeadline().orElseThrow();
                if (deadline.isAfter(now)) {
                    earliestAhead = Optional.of(deadline);
                    break;
                }
                try {
                    escalator.escalateIfDue(pending.id()).ifPresent(escalated::add);
                } catch (RuntimeException e) {
                    log.error("escalating {} failed; the next look tries again", pending.id(), e);
                }
            }
        } catch (RuntimeException e) {
            log.warn("could not read the pending escalations; looking again in {}", maxSleep, e);
        }
        Instant latest = clock.instant().plus(maxSleep);
        schedule(earliestAhead.filter(at -> at.isBefore(latest)).orElse(latest), true);
        return escalated;
    }

    /** When the timer looks next, if it is scheduled. */
    public synchronized Optional<Instant> nextWakeUp() {
        return Optional.ofNullable(nextAt);
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (next != null) {
            next.cancel(false);
        }
    }

    private void wakeBy(Instant deadline) {
        schedule(deadline, false);
    }

    /** Plans the next look at {@code at}; unless {@code replace}, only when that is earlier than the planned one. */
    private synchronized void schedule(Instant at, boolean replace) {
        if (closed || (!replace && nextAt != null && !at.isBefore(nextAt))) {
            return;
        }
        if (next != null) {
            next.cancel(false);
        }
        long delayMillis = Math.max(0, Duration.between(clock.instant(), at).toMillis());
        try {
            next = scheduler.schedule(this::escalateDue, delayMillis, TimeUnit.MILLISECONDS);
            nextAt = at;
        } catch (RejectedExecutionException e) {
            next = null;
            nextAt = null;
            log.debug("the escalation scheduler is shut down; no further looks");
        }
    }
}
