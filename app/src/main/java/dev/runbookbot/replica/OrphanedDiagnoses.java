package dev.runbookbot.replica;

import dev.runbookbot.audit.IncidentId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The diagnoses of replicas that died, finished by the replica on duty: each incident whose claim belongs to a replica
 * without a live heartbeat is taken over (compare-and-set, so only one replica gets it) and handed to {@code resume},
 * which diagnoses it again from its stored inputs, as a single bot does after a restart. A remediation the dead
 * replica was running is not touched here: the reaper marks it interrupted, and nothing re-runs it by itself.
 * Called from one scheduler thread.
 */
public final class OrphanedDiagnoses implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(OrphanedDiagnoses.class);

    private final DiagnosisClaims claims;
    private final LeaseKeeper keeper;
    private final Consumer<Set<IncidentId>> resume;

    public OrphanedDiagnoses(DiagnosisClaims claims, LeaseKeeper keeper, Consumer<Set<IncidentId>> resume) {
        this.claims = Objects.requireNonNull(claims, "claims");
        this.keeper = Objects.requireNonNull(keeper, "keeper");
        this.resume = Objects.requireNonNull(resume, "resume");
    }

    @Override
    public void run() {
        try {
            takeOver();
        } catch (RuntimeException e) {
            log.warn("looking for the diagnoses of stopped replicas failed; looking again next round", e);
        }
    }

    /** Takes over and resumes what is orphaned now; returns the incidents it took. */
    public Set<IncidentId> takeOver() {
        Set<String> live = new LinkedHashSet<>(keeper.liveReplicas());
        live.add(keeper.self().value()); // never its own, even if its heartbeat is late
        List<DiagnosisClaims.Orphan> orphans = claims.orphans(live);
        Set<IncidentId> taken = new LinkedHashSet<>();
        for (DiagnosisClaims.Orphan orphan : orphans) {
            if (!keeper.fenceHolds()) {
                break;
            }
            if (claims.takeOver(orphan.incident(), orphan.holder(), keeper.self())) {
                log.info(
                        "{} takes over the diagnosis of {} from {}", keeper.self(), orphan.incident(), orphan.holder());
                taken.add(orphan.incident());
            }
        }
        if (!taken.isEmpty()) {
            resume.accept(Set.copyOf(taken));
        }
        return taken;
    }
}
