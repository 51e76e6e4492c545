package dev.runbookbot.incident;

import dev.runbookbot.expr.TemplateContext;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps incident inputs in memory. After a restart the inputs of older incidents are gone: a remediation approved then
 * renders without them and its templates fail with a clear "no value for labels.x" instead of running with wrong
 * values. Thread-safe.
 */
public final class MemoryIncidentInputs implements IncidentInputs {
    private final Map<IncidentId, TemplateContext> byIncident = new ConcurrentHashMap<>();

    @Override
    public void save(IncidentId incident, TemplateContext inputs) {
        byIncident.put(incident, inputs);
    }

    @Override
    public Optional<TemplateContext> load(IncidentId incident) {
        return Optional.ofNullable(byIncident.get(incident));
    }
}
