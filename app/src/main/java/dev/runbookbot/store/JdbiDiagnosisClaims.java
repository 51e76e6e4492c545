package dev.runbookbot.store;

import dev.runbookbot.audit.IncidentId;
import dev.runbookbot.replica.DiagnosisClaims;
import dev.runbookbot.replica.ReplicaId;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * {@link DiagnosisClaims} in the {@code diagnosis_claim} table (migration 9); the claims are written by {@link
 * JdbiIncidentInputs} with the inputs. A take-over is a compare-and-set on the holder. Thread-safe.
 */
public final class JdbiDiagnosisClaims implements DiagnosisClaims {
    private final StoreDatabase database;

    public JdbiDiagnosisClaims(StoreDatabase database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    @Override
    public List<Orphan> orphans(Set<String> live) {
        String sql = "SELECT c.incident_id, c.holder FROM diagnosis_claim c JOIN incident i ON i.id = c.incident_id"
                + " WHERE i.state IN ('OPEN', 'DIAGNOSING')"
                + (live.isEmpty() ? "" : " AND c.holder NOT IN (<live>)")
                + " ORDER BY c.incident_id";
        return database.read(h -> {
            var query = h.createQuery(sql);
            if (!live.isEmpty()) {
                query.bindList("live", List.copyOf(live));
            }
            return query.map((rs, ctx) -> new Orphan(new IncidentId(rs.getLong("incident_id")), rs.getString("holder")))
                    .list();
        });
    }

    @Override
    public boolean takeOver(IncidentId incident, String from, ReplicaId to) {
        return database.write(h -> h.createUpdate("UPDATE diagnosis_claim SET holder = :to, claimed_ms = "
                                + database.dialect().nowMillis() + " WHERE incident_id = :incident AND holder = :from")
                        .bind("to", to.value())
                        .bind("incident", incident.value())
                        .bind("from", from)
                        .execute())
                == 1;
    }
}
