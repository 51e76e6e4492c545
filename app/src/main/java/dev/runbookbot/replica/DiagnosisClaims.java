package dev.runbookbot.replica;

import dev.runbookbot.audit.IncidentId;
import java.util.List;
import java.util.Set;

/**
 * Which replica an incident's diagnosis belongs to. The claim is written with the incident's inputs by the replica
 * that opened it; while that replica's heartbeat lives nobody else diagnoses the incident. Thread-safe, correct across
 * processes.
 */
public interface DiagnosisClaims {
    /**
     * The incidents still opening or diagnosing (state {@code OPEN} without a finished diagnosis, or {@code
     * DIAGNOSING}) whose claim belongs to a replica not in {@code live}, with that holder.
     */
    List<Orphan> orphans(Set<String> live);

    /**
     * Moves the claim of {@code incident} from {@code from} to {@code to} if {@code from} still holds it
     * (compare-and-set): of several replicas that try, exactly one gets it.
     */
    boolean takeOver(IncidentId incident, String from, ReplicaId to);

    /** An incident whose diagnosis belongs to a replica that is gone. */
    record Orphan(IncidentId incident, String holder) {}
}
