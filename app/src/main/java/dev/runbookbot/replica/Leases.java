package dev.runbookbot.replica;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Named leases in the store, each held by one replica at a time until it expires by the store's clock.
 *
 * <p>Contract: {@link #take} is one atomic step in the store: the caller gets (or keeps) the lease when it holds it
 * already or when it has expired, and then it is valid for {@code ttl} from the store's now; the fencing token goes
 * up by one whenever the lease is granted to a holder who did not have a valid one. {@link #fence} is a write in the
 * store that succeeds only while the tenure of {@code token} lasts: a replica that was paused past its lease (a long
 * GC, a frozen VM) and wakes up cannot extend or act on an old tenure. Implementations are thread-safe and correct
 * across processes.
 */
public interface Leases {
    /** The name prefix of the replicas' heartbeat leases. */
    String HEARTBEAT_PREFIX = "replica:";

    /** The lease of the background work (reaper, sweeps, timers, resuming orphaned diagnoses). */
    String BACKGROUND = "background";

    /** Takes or renews {@code name} for {@code holder}; answers who holds it after the attempt. */
    LeaseGrant take(String name, ReplicaId holder, Duration ttl);

    /**
     * Whether the tenure of {@code token} of {@code name} by {@code holder} is still valid by the store's clock; the
     * write fence of work done under a lease.
     */
    boolean fence(String name, ReplicaId holder, long token);

    /** Gives {@code name} up at once if {@code holder} holds it (a clean stop), so another takes it without waiting. */
    void release(String name, ReplicaId holder);

    /** The holders of the unexpired leases whose names start with {@code prefix}. */
    Set<String> liveHolders(String prefix);

    /** The lease as stored now, expired or not. */
    Optional<LeaseGrant> current(String name);
}
