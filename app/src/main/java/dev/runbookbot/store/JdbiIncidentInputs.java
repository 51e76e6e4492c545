package dev.runbookbot.store;

import dev.runbookbot.audit.IncidentId;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.incident.IncidentInputs;
import dev.runbookbot.replica.ReplicaId;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * {@link IncidentInputs} in the bot's SQLite database (table {@code incident_input}, migration 4), through the same
 * single writer as the incident store, so the inputs of an incident outlive a restart and a remediation approved later
 * renders with the values it was proposed with. Each row refers to its incident: inputs for an incident the store does
 * not hold are refused with a {@link dev.runbookbot.incident.StoreException}. Labels and annotations are hostile data;
 * they are bound as JSON text (never spliced into SQL) and come back exactly as saved. Thread-safe.
 */
public final class JdbiIncidentInputs implements IncidentInputs {
    private final StoreDatabase database;
    private final IncidentInputsJson json = new IncidentInputsJson();
    private final Optional<ReplicaId> claimant;

    public JdbiIncidentInputs(StoreDatabase database) {
        this(database, Optional.empty());
    }

    /**
     * Inputs whose saving also claims the incident's diagnosis for {@code claimant} ({@code diagnosis_claim}, in the
     * same transaction): the replica that stored the inputs is the one diagnosing.
     */
    public JdbiIncidentInputs(StoreDatabase database, Optional<ReplicaId> claimant) {
        this.database = Objects.requireNonNull(database, "database");
        this.claimant = Objects.requireNonNull(claimant, "claimant");
    }

    @Override
    public void save(IncidentId incident, TemplateContext inputs) {
        IncidentInputRow row = json.encode(incident, inputs);
        database.write(h -> {
            h.attach(IncidentInputDao.class)
                    .upsert(row.incidentId(), row.paramsJson(), row.labelsJson(), row.annotationsJson());
            claim(h, row.incidentId());
            return null;
        });
    }

    /** One insert that only one of several processes saving at once wins; the winner claims the diagnosis. */
    @Override
    public boolean saveFirst(IncidentId incident, TemplateContext inputs) {
        IncidentInputRow row = json.encode(incident, inputs);
        return database.write(h -> {
            int inserted = h.attach(IncidentInputDao.class)
                    .insertIfAbsent(row.incidentId(), row.paramsJson(), row.labelsJson(), row.annotationsJson());
            if (inserted == 1) {
                claim(h, row.incidentId());
            }
            return inserted == 1;
        });
    }

    private void claim(Handle h, long incidentId) {
        claimant.ifPresent(replica -> h.createUpdate("INSERT INTO diagnosis_claim (incident_id, holder, claimed_ms)"
                        + " VALUES (:incident, :holder, " + database.dialect().nowMillis() + ") ON CONFLICT"
                        + " (incident_id) DO UPDATE SET holder = excluded.holder, claimed_ms = excluded.claimed_ms")
                .bind("incident", incidentId)
                .bind("holder", replica.value())
                .execute());
    }

    @Override
    public Optional<TemplateContext> load(IncidentId incident) {
        return database.read(h -> h.attach(IncidentInputDao.class).find(incident.value()))
                .map(json::decode);
    }
}
