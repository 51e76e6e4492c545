package dev.runbookbot.audit.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runbookbot.audit.HandOffDetail;
import dev.runbookbot.audit.IncidentOpenedDetail;
import dev.runbookbot.audit.StateChangeDetail;
import dev.runbookbot.audit.SuppressionDetail;
import dev.runbookbot.audit.TimelineDetail;
import java.util.Locale;
import java.util.Optional;

/**
 * Writes and reads the typed details of timeline entries as JSON, with Jackson: fields in the record's order, named in
 * snake case ({@code before_reason}; a state change keeps the camel case it always had), absent values left out, after
 * a first field {@value #TYPE_FIELD} that names the record ({@link #typeOf}), so two records with the same field names
 * never read each other's entries. Reading checks that name and is otherwise tolerant, so entries written before a
 * field existed, or by an older version that built the same JSON by hand, still read: an entry without a {@value
 * #TYPE_FIELD} is read as the record its event kind asks for, unknown fields are ignored, missing ones are null, and a
 * detail that is not that record's JSON at all reads as empty. Thread-safe.
 */
public final class TimelineDetails {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .addMixIn(StateChangeDetail.class, CamelCaseNames.class)
            .addMixIn(IncidentOpenedDetail.class, CamelCaseNames.class)
            .addMixIn(SuppressionDetail.class, CamelCaseNames.class)
            .addMixIn(HandOffDetail.class, CamelCaseNames.class)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private TimelineDetails() {}

    /**
     * State changes, openings, suppressions and hand-offs were recorded with camel-case names ({@code
     * escalationDeadline}, {@code chosenBy}) before they were typed; they keep them, so old rows read the same.
     */
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    private abstract static class CamelCaseNames {}

    /** The field that names the record a detail was written from. */
    public static final String TYPE_FIELD = "type";

    /**
     * The name {@code type} is stored under: its simple name without {@code Detail}, in snake case ({@code
     * StateChangeDetail} is {@code state_change}). Rows keep it, so a renamed record must keep reading its old name.
     */
    public static String typeOf(Class<? extends TimelineDetail> type) {
        String name = type.getSimpleName();
        if (name.endsWith("Detail") && name.length() > "Detail".length()) {
            name = name.substring(0, name.length() - "Detail".length());
        }
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    /** {@code detail} as the JSON text a timeline entry stores, its {@value #TYPE_FIELD} first. */
    public static String write(TimelineDetail detail) {
        try {
            ObjectNode json = JSON.createObjectNode().put(TYPE_FIELD, typeOf(detail.getClass()));
            json.setAll((ObjectNode) JSON.valueToTree(detail));
            return JSON.writeValueAsString(json);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "a " + detail.getClass().getSimpleName() + " cannot be written as JSON: " + e.getMessage(), e);
        }
    }

    /**
     * The {@code type} record stored in {@code json}, or empty when the text is not one (blank, another shape, or
     * written from another record: its {@value #TYPE_FIELD} names another). An entry without a {@value #TYPE_FIELD}
     * (written before there was one) is read as {@code type}.
     */
    public static <T extends TimelineDetail> Optional<T> read(String json, Class<T> type) {
        if (json == null || json.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonNode tree = JSON.readTree(json);
            if (!tree.isObject()) {
                return Optional.empty();
            }
            JsonNode written = tree.get(TYPE_FIELD);
            if (written != null && !typeOf(type).equals(written.asText())) {
                return Optional.empty();
            }
            return Optional.ofNullable(JSON.treeToValue(tree, type));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
