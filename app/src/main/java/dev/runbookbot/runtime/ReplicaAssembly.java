package dev.runbookbot.runtime;

import dev.runbookbot.incident.IncidentService;
import dev.runbookbot.replica.BackgroundDuty;
import dev.runbookbot.replica.LeaseKeeper;
import dev.runbookbot.replica.OrphanedDiagnoses;
import dev.runbookbot.replica.ReplicaId;
import dev.runbookbot.store.JdbiDiagnosisClaims;
import dev.runbookbot.store.JdbiLeases;
import dev.runbookbot.store.StoreDatabase;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * This process as one replica among those on its store (docs/scaling.md): its heartbeat and the background lease,
 * renewed on a thread of their own ({@code replica-lease}), and the take-over of the diagnoses of replicas that died.
 * A bot alone on its store holds the background lease from its first renewal, so it behaves as it always did.
 */
final class ReplicaAssembly implements AutoCloseable {
    private final ReplicaId self;
    private final JdbiLeases leases;
    private final LeaseKeeper keeper;
    private final JdbiDiagnosisClaims claims;
    private final ScheduledThreadPoolExecutor renewals;

    ReplicaAssembly(StoreDatabase database, ReplicaId self) {
        this.self = self;
        this.leases = new JdbiLeases(database);
        this.claims = new JdbiDiagnosisClaims(database);
        this.keeper = new LeaseKeeper(leases, self, System::nanoTime, () -> {});
        this.renewals = new ScheduledThreadPoolExecutor(2, new NamedThreads("replica-lease"));
        renewals.setRemoveOnCancelPolicy(true);
    }

    /**
     * Renews the heartbeat and tries the background lease once, on the calling thread. Returns whether this replica is
     * alone on the store: only then does it recover as after a restart (interrupting every run left running), since
     * the runs and diagnoses of the other replicas are alive.
     */
    boolean joinAlone() {
        keeper.renew();
        Set<String> others = new LinkedHashSet<>(keeper.liveReplicas());
        others.remove(self.value());
        return others.isEmpty();
    }

    /** Renews every {@link LeaseKeeper#RENEW_EVERY}, and while on duty resumes the diagnoses of stopped replicas. */
    void start(IncidentService incidents) {
        long every = LeaseKeeper.RENEW_EVERY.toMillis();
        OrphanedDiagnoses orphans = new OrphanedDiagnoses(claims, keeper, incidents::resumeInterruptedDiagnoses);
        renewals.scheduleWithFixedDelay(keeper::renew, every, every, TimeUnit.MILLISECONDS);
        renewals.scheduleWithFixedDelay(keeper.whileOnDuty(orphans), every, every, TimeUnit.MILLISECONDS);
    }

    BackgroundDuty duty() {
        return keeper;
    }

    /** The workers (replica ids) whose runs are alive: those with a live heartbeat, this one always. */
    Set<String> liveWorkers() {
        Set<String> live = new LinkedHashSet<>(keeper.liveReplicas());
        live.add(self.value());
        return live;
    }

    ReplicaId self() {
        return self;
    }

    @Override
    public void close() {
        renewals.shutdownNow();
        try {
            renewals.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        keeper.release();
    }
}
