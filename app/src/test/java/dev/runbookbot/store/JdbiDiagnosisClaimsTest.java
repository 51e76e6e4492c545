package dev.runbookbot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.audit.IncidentId;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.incident.IncidentState;
import dev.runbookbot.replica.DiagnosisClaims;
import dev.runbookbot.replica.LeaseKeeper;
import dev.runbookbot.replica.OrphanedDiagnoses;
import dev.runbookbot.replica.ReplicaId;
import dev.runbookbot.testing.ManualClock;
import dev.runbookbot.testing.NewIncidents;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Diagnosis claims on a real SQLite file: saving an incident's inputs claims its diagnosis for the replica that saved
 * them; the incidents of a replica without a live heartbeat are orphans while they open or diagnose; a take-over is a
 * compare-and-set that one replica wins; and {@link OrphanedDiagnoses}, on the replica holding the background lease,
 * takes them over and hands them to be resumed, once.
 */
class JdbiDiagnosisClaimsTest {
    private static final ReplicaId DEAD = new ReplicaId("bot-dead");
    private static final ReplicaId ALIVE = new ReplicaId("bot-alive");
    private static final ReplicaId LATE = new ReplicaId("bot-late");

    @TempDir
    Path directory;

    private final ManualClock clock = ManualClock.at("2024-05-01T10:00:00Z");
    private SqliteDatabase database;
    private int fingerprints;

    private SqliteDatabase database() {
        if (database == null) {
            database = SqliteDatabase.open(StoreOptions.at(directory.resolve("runbook-bot.db")), clock);
        }
        return database;
    }

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
    }

    @Test
    void theIncidentsOfAReplicaThatIsNotLiveAreOrphansWhileTheyOpenOrDiagnose() {
        IncidentId opening = openClaimedBy(DEAD);
        IncidentId diagnosing = openClaimedBy(DEAD);
        store().moveTo(diagnosing, IncidentState.DIAGNOSING, "bot", "diagnostics started");
        IncidentId resolved = openClaimedBy(DEAD);
        store().moveTo(resolved, IncidentState.RESOLVED, "alice", "fixed");
        IncidentId ofTheLiving = openClaimedBy(ALIVE);
        new JdbiIncidentInputs(database()).save(openUnclaimed(), TemplateContext.empty());

        List<DiagnosisClaims.Orphan> orphans = claims().orphans(Set.of(ALIVE.value()));

        assertEquals(
                List.of(
                        new DiagnosisClaims.Orphan(opening, DEAD.value()),
                        new DiagnosisClaims.Orphan(diagnosing, DEAD.value())),
                orphans);
        assertEquals(
                3, claims().orphans(Set.of()).size(), "with nobody live, every open claim, " + ofTheLiving + " too");
    }

    @Test
    void aTakeOverIsACompareAndSetThatOneReplicaWins() {
        IncidentId incident = openClaimedBy(DEAD);

        assertTrue(claims().takeOver(incident, DEAD.value(), ALIVE));
        assertFalse(claims().takeOver(incident, DEAD.value(), LATE), "the claim moved on");
        assertEquals(List.of(), claims().orphans(Set.of(ALIVE.value())));
    }

    @Test
    void theReplicaOnDutyTakesOverTheOrphansOnceAndResumesThem() {
        IncidentId orphan = openClaimedBy(DEAD);
        IncidentId mine = openClaimedBy(ALIVE);
        JdbiLeases leases = new JdbiLeases(database());
        LeaseKeeper alive = new LeaseKeeper(leases, ALIVE, System::nanoTime, () -> {});
        LeaseKeeper late = new LeaseKeeper(leases, LATE, System::nanoTime, () -> {});
        alive.renew();
        late.renew();
        assertTrue(alive.onDuty());
        assertFalse(late.onDuty(), "one replica is on duty");
        List<Set<IncidentId>> resumedByAlive = new CopyOnWriteArrayList<>();
        List<Set<IncidentId>> resumedByLate = new ArrayList<>();

        Set<IncidentId> taken = new OrphanedDiagnoses(claims(), alive, resumedByAlive::add).takeOver();
        Set<IncidentId> again = new OrphanedDiagnoses(claims(), alive, resumedByAlive::add).takeOver();
        new OrphanedDiagnoses(claims(), late, resumedByLate::add).takeOver();

        assertEquals(Set.of(orphan), taken, "its own incident " + mine + " is not an orphan");
        assertEquals(Set.of(), again);
        assertEquals(List.of(Set.of(orphan)), resumedByAlive);
        assertEquals(List.of(), resumedByLate, "a replica not on duty takes nothing over");
    }

    private JdbiDiagnosisClaims claims() {
        return new JdbiDiagnosisClaims(database());
    }

    private JdbiIncidentStore store() {
        return new JdbiIncidentStore(database(), clock);
    }

    private IncidentId openClaimedBy(ReplicaId replica) {
        IncidentId id = openUnclaimed();
        new JdbiIncidentInputs(database(), Optional.of(replica))
                .save(id, new TemplateContext(Map.of(), Map.of("alertname", "PaymentsSlow"), Map.of()));
        return id;
    }

    private IncidentId openUnclaimed() {
        return store().open(NewIncidents.alert("fp-" + ++fingerprints)).value().id();
    }
}
