package dev.runbookbot.incident;

import dev.runbookbot.expr.TemplateContext;
import java.util.Optional;

/**
 * The template inputs of each incident (parameters, alert labels and annotations), kept so that a remediation
 * approved later renders with the same values it was proposed with. Thread-safe.
 */
public interface IncidentInputs {
    void save(IncidentId incident, TemplateContext inputs);

    Optional<TemplateContext> load(IncidentId incident);
}
