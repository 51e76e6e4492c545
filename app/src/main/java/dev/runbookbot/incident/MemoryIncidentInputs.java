package dev.runbookbot.incident;

import dev.runbookbot.audit.IncidentId;
import dev.runbookbot.expr.TemplateContext;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps incident inputs in memory, for tests and a bot without a database. After a restart the inputs of older incidents
 * are gone: a remediation approved then is refused instead of running with wrong values. The bot keeps them in its
 * database ({@code store.JdbiIncidentInputs}). Thread-safe.
 */
public final class MemoryIncidentInputs implements IncidentInputs {
    private final Map<IncidentId, TemplateContext> byIncident = new ConcurrentHashMap<>();

    @Override
    public void save(IncidentId incident, TemplateContext inputs) {
        byIncident.put(incident, IncidentInputs.requireStorable(inputs));
    }

    @Override
    public boolean saveFirst(IncidentId incident, TemplateContext inputs) {
        return byIncident.putIfAbsent(incident, IncidentInputs.requireStorable(inputs)) == null;
    }

    @Override
    public Optional<TemplateContext> load(IncidentId incident) {
        return Optional.ofNullable(byIncident.get(incident));
    }
}
