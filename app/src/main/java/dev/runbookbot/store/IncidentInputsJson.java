package dev.runbookbot.store;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.runbookbot.audit.IncidentId;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.incident.IncidentInputs;
import dev.runbookbot.incident.StoreException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON form of an incident's inputs, one object per column. Parameters keep their type through JSON's own kinds:
 * a string, a whole number (read back as {@link Long}), a number with a fraction or exponent ({@link Double}; Java
 * always writes one, so {@code 3.0} stays a Double) and a boolean. Everything outside ASCII is written as a JSON
 * unicode escape, so that even a lone surrogate in a hostile label reaches the database, and comes back, unchanged.
 * Thread-safe.
 */
final class IncidentInputsJson {
    /**
     * Reads back whatever it wrote: Jackson's default limits on name and string length (50,000 and 20 million
     * characters) guard parsers of foreign input, and these rows are the bot's own.
     */
    private final JsonMapper mapper = JsonMapper.builder(JsonFactory.builder()
                    .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNameLength(Integer.MAX_VALUE)
                            .maxStringLength(Integer.MAX_VALUE)
                            .build())
                    .build())
            .build();

    /** The three columns for {@code inputs}, whose parameters must be storable. */
    IncidentInputRow encode(IncidentId incident, TemplateContext inputs) {
        IncidentInputs.requireStorable(inputs);
        try {
            return new IncidentInputRow(
                    incident.value(),
                    mapper.writeValueAsString(inputs.params()),
                    mapper.writeValueAsString(inputs.labels()),
                    mapper.writeValueAsString(inputs.annotations()));
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot write the inputs of " + incident + " as JSON", e);
        }
    }

    /**
     * The inputs a row holds.
     *
     * @throws StoreException naming the incident and the column when the row is not what {@link #encode} writes
     */
    TemplateContext decode(IncidentInputRow row) {
        IncidentId incident = new IncidentId(row.incidentId());
        Map<String, Object> params = new LinkedHashMap<>();
        object(incident, "params_json", row.paramsJson()).properties().forEach(field -> {
            params.put(field.getKey(), param(incident, field.getKey(), field.getValue()));
        });
        return new TemplateContext(
                params,
                strings(incident, "labels_json", row.labelsJson()),
                strings(incident, "annotations_json", row.annotationsJson()));
    }

    private Map<String, String> strings(IncidentId incident, String column, String json) {
        Map<String, String> values = new LinkedHashMap<>();
        object(incident, column, json).properties().forEach(field -> {
            if (!field.getValue().isTextual()) {
                throw unreadable(incident, column, "'" + field.getKey() + "' is not a string");
            }
            values.put(field.getKey(), field.getValue().textValue());
        });
        return values;
    }

    private static Object param(IncidentId incident, String name, JsonNode value) {
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.longValue();
        }
        if (value.isFloatingPointNumber() && Double.isFinite(value.doubleValue())) {
            return value.doubleValue();
        }
        throw unreadable(incident, "params_json", "'" + name + "' is not a string, whole number, number or boolean");
    }

    private JsonNode object(IncidentId incident, String column, String json) {
        JsonNode node;
        try {
            node = mapper.readTree(json);
        } catch (JacksonException e) {
            throw unreadable(incident, column, "it is not JSON");
        }
        if (node == null || !node.isObject()) {
            throw unreadable(incident, column, "it is not a JSON object");
        }
        return node;
    }

    private static StoreException unreadable(IncidentId incident, String column, String why) {
        return new StoreException("the kept inputs of " + incident + " cannot be read: " + column + " was changed"
                + " outside runbook-bot (" + why + ")");
    }
}
