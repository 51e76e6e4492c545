package dev.runbookbot.store;

import dev.runbookbot.audit.IncidentId;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.incident.IncidentInputs;
import java.util.Objects;
import java.util.Optional;

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

    public JdbiIncidentInputs(StoreDatabase database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    @Override
    public void save(IncidentId incident, TemplateContext inputs) {
        IncidentInputRow row = json.encode(incident, inputs);
        database.write(h -> h.attach(IncidentInputDao.class)
                .upsert(row.incidentId(), row.paramsJson(), row.labelsJson(), row.annotationsJson()));
    }

    @Override
    public Optional<TemplateContext> load(IncidentId incident) {
        return database.read(h -> h.attach(IncidentInputDao.class).find(incident.value()))
                .map(json::decode);
    }
}
