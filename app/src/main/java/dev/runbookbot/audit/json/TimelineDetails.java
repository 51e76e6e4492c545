package dev.runbookbot.audit.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.runbookbot.audit.HandOffDetail;
import dev.runbookbot.audit.IncidentOpenedDetail;
import dev.runbookbot.audit.StateChangeDetail;
import dev.runbookbot.audit.SuppressionDetail;
import dev.runbookbot.audit.TimelineDetail;
import java.util.Optional;

/**
 * Writes and reads the typed details of timeline entries as JSON, with Jackson: fields in the record's order, named in
 * snake case ({@code before_reason}; a state change keeps the camel case it always had), absent values left out. Reading is tolerant, so entries written before a field
 * existed, or by an older version that built the same JSON by hand, still read: unknown fields are ignored, missing ones
 * are null, and a detail that is not that record's JSON at all reads as empty. Thread-safe.
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

    /** {@code detail} as the JSON text a timeline entry stores. */
    public static String write(TimelineDetail detail) {
        try {
            return JSON.writeValueAsString(detail);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "a " + detail.getClass().getSimpleName() + " cannot be written as JSON: " + e.getOriginalMessage(),
                    e);
        }
    }

    /** The {@code type} record stored in {@code json}, or empty when the text is not one (blank, another shape). */
    public static <T extends TimelineDetail> Optional<T> read(String json, Class<T> type) {
        if (json == null || json.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(JSON.readValue(json, type));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
