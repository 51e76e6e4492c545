package dev.runbookbot.incident;

import dev.runbookbot.audit.IncidentId;
import dev.runbookbot.expr.TemplateContext;
import java.util.Map;
import java.util.Optional;

/**
 * The template inputs of each incident (parameters, alert labels and annotations), kept so that a remediation
 * approved later renders with the same values it was proposed with. Saving again replaces the incident's inputs.
 * A parameter is a {@link String}, {@link Long}, finite {@link Double} or {@link Boolean}, the values {@code
 * ParameterBinder} produces, and {@link #load} gives each back with its type; labels and annotations come back exactly
 * as saved, whatever characters they hold. Thread-safe.
 */
public interface IncidentInputs {
    /**
     * Keeps {@code inputs} for {@code incident}, replacing what was kept before.
     *
     * @throws IllegalArgumentException when a parameter is of another type (see {@link #requireStorable})
     */
    void save(IncidentId incident, TemplateContext inputs);

    Optional<TemplateContext> load(IncidentId incident);

    /**
     * Keeps {@code inputs} unless inputs of {@code incident} are kept already; returns whether these were kept. The
     * process that keeps them is the one that goes on with the incident: when two bot processes on one store finish the
     * start of the same incident at once, exactly one gets true from a store shared across processes, which overrides
     * this check-then-save (enough within one process, where starts of one dedup key are serialised).
     */
    default boolean saveFirst(IncidentId incident, TemplateContext inputs) {
        if (load(incident).isPresent()) {
            return false;
        }
        save(incident, inputs);
        return true;
    }

    /**
     * Returns {@code inputs} when every parameter can be kept with its type.
     *
     * @throws IllegalArgumentException naming the first parameter that is not a String, Long, finite Double or Boolean
     */
    static TemplateContext requireStorable(TemplateContext inputs) {
        for (Map.Entry<String, Object> param : inputs.params().entrySet()) {
            Object value = param.getValue();
            boolean storable = value instanceof String
                    || value instanceof Long
                    || value instanceof Boolean
                    || (value instanceof Double d && Double.isFinite(d));
            if (!storable) {
                throw new IllegalArgumentException("parameter '" + param.getKey() + "' "
                        + (value instanceof Double
                                ? "is " + value + ", not a finite number"
                                : "has type " + value.getClass().getSimpleName())
                        + "; incident inputs keep a String, Long, finite Double or Boolean");
            }
        }
        return inputs;
    }
}
