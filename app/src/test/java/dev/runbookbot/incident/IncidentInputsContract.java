package dev.runbookbot.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.audit.IncidentId;
import dev.runbookbot.expr.TemplateContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What every {@link IncidentInputs} must do, run against each implementation (in memory, SQLite): values come back
 * equal and of the same type, hostile text comes back byte for byte, saving again replaces.
 */
public abstract class IncidentInputsContract {
    /** The inputs under test; the same storage on every call within one test. */
    protected abstract IncidentInputs inputs();

    /** A new incident that the storage behind {@link #inputs()} holds. */
    protected abstract IncidentId anIncident();

    /** Text an alert may carry: quotes, escapes, newlines, template braces, SQL, JSON, control and non-BMP characters. */
    protected static final List<String> HOSTILE = List.of(
            "\"double\" and 'single' quotes",
            "back\\slash \\\" \\u0041 \\n",
            "line one\nline two\r\nline three\ttabbed",
            "{{ labels.service }}",
            "{{",
            "}}{{ params.x }}{{",
            "'); DROP TABLE incident; --",
            "{\"a\": [1, 2], \"b\": null}",
            "nul \u0000 bell \u0007 escape \u001b[31m",
            "unicode: caf\u00e9 \u4e2d\u6587 \ud83d\udd25 \u202eevil",
            "lone surrogate \ud800 here",
            "",
            "  spaces kept  ",
            "x".repeat(100_000));

    private static Map<String, String> numbered(String prefix) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < HOSTILE.size(); i++) {
            values.put(prefix + i, HOSTILE.get(i));
        }
        return values;
    }

    @Test
    void nothingIsKeptForAnIncidentUntilItsInputsAreSaved() {
        assertEquals(Optional.empty(), inputs().load(anIncident()));
    }

    @Test
    void onlyTheFirstOfTwoSavesThatMustBeFirstKeepsItsInputs() {
        IncidentId incident = anIncident();
        TemplateContext first = new TemplateContext(Map.of("instance", "pay-1"), Map.of(), Map.of());
        TemplateContext second = new TemplateContext(Map.of("instance", "pay-2"), Map.of(), Map.of());

        assertTrue(inputs().saveFirst(incident, first));
        assertFalse(inputs().saveFirst(incident, second));

        assertEquals(Optional.of(first), inputs().load(incident));
    }

    @Test
    void parametersComeBackWithTheirTypes() {
        IncidentId incident = anIncident();
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("replicas", 3L);
        params.put("largest", Long.MAX_VALUE);
        params.put("smallest", Long.MIN_VALUE);
        params.put("ratio", 0.25);
        params.put("whole_double", 3.0);
        params.put("negative_zero", -0.0);
        params.put("tiny", Double.MIN_VALUE);
        params.put("huge", 1.0e300);
        params.put("dry_run", true);
        params.put("force", false);
        params.put("number_as_text", "42");
        params.put("bool_as_text", "true");
        params.put("namespace", "payments");

        inputs().save(incident, new TemplateContext(params, Map.of(), Map.of()));
        Map<String, Object> loaded = inputs().load(incident).orElseThrow().params();

        assertEquals(params, loaded);
        params.forEach(
                (name, value) -> assertEquals(value.getClass(), loaded.get(name).getClass(), name));
    }

    @Test
    void hostileLabelsAndAnnotationsComeBackExactly() {
        IncidentId incident = anIncident();
        Map<String, String> labels = numbered("label_");
        Map<String, String> annotations = numbered("annotation_");
        HOSTILE.forEach(text -> annotations.put(text + " as a name", "value"));
        Map<String, Object> params = new LinkedHashMap<>();
        HOSTILE.forEach(text -> params.put("param " + text, text));
        TemplateContext saved = new TemplateContext(params, labels, annotations);

        inputs().save(incident, saved);

        assertEquals(Optional.of(saved), inputs().load(incident));
    }

    @Test
    void emptyInputsAreKeptAsEmptyNotAsMissing() {
        IncidentId incident = anIncident();
        inputs().save(incident, TemplateContext.empty());
        assertEquals(Optional.of(TemplateContext.empty()), inputs().load(incident));
    }

    @Test
    void savingAgainReplacesAndEachIncidentKeepsItsOwn() {
        IncidentId first = anIncident();
        IncidentId second = anIncident();
        inputs().save(first, new TemplateContext(Map.of("db", "payments"), Map.of("severity", "page"), Map.of()));
        inputs().save(second, new TemplateContext(Map.of("db", "billing"), Map.of(), Map.of("summary", "slow")));

        TemplateContext replaced = new TemplateContext(Map.of("limit", 5L), Map.of(), Map.of("runbook", "x"));
        inputs().save(first, replaced);

        assertEquals(Optional.of(replaced), inputs().load(first));
        assertEquals(
                Optional.of(new TemplateContext(Map.of("db", "billing"), Map.of(), Map.of("summary", "slow"))),
                inputs().load(second));
    }

    @Test
    void aParameterOfAnotherTypeIsRefusedAndNothingChanges() {
        IncidentId incident = anIncident();
        TemplateContext kept = new TemplateContext(Map.of("replicas", 3L), Map.of(), Map.of());
        inputs().save(incident, kept);

        IllegalArgumentException integer = assertThrows(IllegalArgumentException.class, () -> inputs().save(
                        incident, new TemplateContext(Map.of("replicas", 3), Map.of(), Map.of())));
        IllegalArgumentException notFinite = assertThrows(IllegalArgumentException.class, () -> inputs().save(
                        incident, new TemplateContext(Map.of("ratio", Double.NaN), Map.of(), Map.of())));
        IllegalArgumentException list = assertThrows(IllegalArgumentException.class, () -> inputs().save(
                        incident, new TemplateContext(Map.of("hosts", List.of("a")), Map.of(), Map.of())));

        assertEquals(
                "parameter 'replicas' has type Integer; incident inputs keep a String, Long, finite Double or Boolean",
                integer.getMessage());
        assertEquals(
                "parameter 'ratio' is NaN, not a finite number; incident inputs keep a String, Long, finite Double or"
                        + " Boolean",
                notFinite.getMessage());
        assertTrue(list.getMessage().startsWith("parameter 'hosts' has type "), list.getMessage());
        assertEquals(Optional.of(kept), inputs().load(incident));
    }
}
