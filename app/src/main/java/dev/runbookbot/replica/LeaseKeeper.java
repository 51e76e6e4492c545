package dev.runbookbot.replica;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this replica's leases: its heartbeat and, when it can get it, the background lease. {@link #renew()} is called
 * about every {@link #RENEW_EVERY} by a scheduler the runtime owns; each lease is valid for {@link #TTL} by the store's
 * clock, so the background lease of a replica that died is taken over within {@code TTL + RENEW_EVERY}.
 *
 * <p>The replica counts itself on duty only until its own monotonic clock says the lease could have expired: the
 * validity the store answered, measured from before the question was sent, less a margin for the clocks' drift. So a
 * replica cut off from the store (or paused) stops its background work before anyone else can take it, and it does
 * not start again until the store grants it a tenure again. A new tenure (a higher fencing token) runs {@code
 * onTakeOver} on the renewing thread before the replica counts itself on duty. Thread-safe.
 */
public final class LeaseKeeper implements BackgroundDuty {
    /** How often the leases are renewed. */
    public static final Duration RENEW_EVERY = Duration.ofSeconds(1);
    /** How long a lease stays valid without renewal; another replica takes it over after that. */
    public static final Duration TTL = Duration.ofSeconds(3);
    /** The share of the lease's validity this replica does not count on (clock drift, the store's answer time). */
    private static final long MARGIN_MILLIS = 500;

    private static final Logger log = LoggerFactory.getLogger(LeaseKeeper.class);

    private final Leases leases;
    private final ReplicaId self;
    private final LongSupplier nanoTime;
    private final Runnable onTakeOver;
    private volatile long dutyUntilNanos;
    private volatile boolean onDuty;
    private volatile long token;
    /** Whether the last round failed (its thread only): a failing store is logged once, not every second. */
    private boolean failing;

    /**
     * @param onTakeOver runs once per new tenure of the background lease, before the duty starts (recovering what a
     *     replica that died left behind)
     */
    public LeaseKeeper(Leases leases, ReplicaId self, LongSupplier nanoTime, Runnable onTakeOver) {
        this.leases = Objects.requireNonNull(leases, "leases");
        this.self = Objects.requireNonNull(self, "self");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.onTakeOver = Objects.requireNonNull(onTakeOver, "onTakeOver");
    }

    public ReplicaId self() {
        return self;
    }

    /** Renews the heartbeat and takes or renews the background lease. Never throws: a failed round is logged. */
    public void renew() {
        try {
            leases.take(self.heartbeatLease(), self, TTL);
            failing = false;
            long askedAt = nanoTime.getAsLong();
            LeaseGrant background = leases.take(Leases.BACKGROUND, self, TTL);
            if (!background.heldBy(self)) {
                if (onDuty) {
                    log.info("{} lost the background lease to {}", self, background.holder());
                }
                onDuty = false;
                return;
            }
            long until = askedAt
                    + Duration.ofMillis(background.validMillis() - MARGIN_MILLIS)
                            .toNanos();
            if (!onDuty || background.token() != token) {
                onDuty = false;
                token = background.token();
                log.info("{} holds the background lease (token {})", self, token);
                dutyUntilNanos = until;
                onTakeOver.run();
            }
            dutyUntilNanos = until;
            onDuty = true;
        } catch (RuntimeException e) {
            if (!failing) {
                log.warn("{} cannot renew its leases (it tries every {}): {}", self, RENEW_EVERY, e.toString());
            }
            failing = true;
        }
    }

    @Override
    public boolean onDuty() {
        return onDuty && nanoTime.getAsLong() - dutyUntilNanos < 0;
    }

    /** The fencing token of the current tenure, if on duty. */
    public long token() {
        return token;
    }

    /** Whether the tenure this replica works under is still the store's, checked in the store now. */
    public boolean fenceHolds() {
        return onDuty() && leases.fence(Leases.BACKGROUND, self, token);
    }

    /** The replicas whose heartbeat is valid now, this one included once it renewed. */
    public Set<String> liveReplicas() {
        return leases.liveHolders(Leases.HEARTBEAT_PREFIX);
    }

    /** Gives both leases up (a clean stop), so another replica takes the background work at once. */
    public void release() {
        onDuty = false;
        try {
            leases.release(Leases.BACKGROUND, self);
            leases.release(self.heartbeatLease(), self);
        } catch (RuntimeException e) {
            log.warn("{} could not release its leases; they expire within {}: {}", self, TTL, e.toString());
        }
    }
}
