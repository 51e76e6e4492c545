package dev.runbookbot.alert;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.Locale;

/**
 * Reads a webhook body into a JSON tree and the tree into payload records, with limits fit for input from the network:
 * nesting at most 64 deep, duplicate keys refused (two {@code "version"} keys have no single meaning), unknown fields
 * ignored (senders add fields; we read what we know). Errors become {@link InvalidPayloadException}s that name the JSON
 * path or the line and column, never the body. Thread-safe and immutable.
 */
public final class JsonPayloadReader {
    private static final int MAX_NESTING_DEPTH = 64;

    private final ObjectMapper mapper;

    public JsonPayloadReader() {
        this.mapper = JsonMapper.builder()
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .disable(JsonReadFeature.ALLOW_TRAILING_COMMA)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
        this.mapper
                .getFactory()
                .setStreamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .build());
    }

    /** Parses {@code body} (UTF-8 JSON) into a tree; {@code what} names the payload in messages. */
    public JsonNode tree(byte[] body, String what) throws InvalidPayloadException {
        if (body.length == 0) {
            throw new InvalidPayloadException(what + ": the body is empty");
        }
        try {
            JsonNode tree = mapper.readTree(body);
            if (tree == null || tree.isMissingNode()) {
                throw new InvalidPayloadException(what + ": the body holds no JSON value");
            }
            if (!tree.isObject()) {
                throw new InvalidPayloadException(what + ": expected a JSON object, got "
                        + tree.getNodeType().name().toLowerCase(Locale.ROOT));
            }
            return tree;
        } catch (JsonProcessingException e) {
            throw new InvalidPayloadException(
                    what + ": not valid JSON" + where(e.getLocation()) + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new InvalidPayloadException(what + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /** Converts (part of) a tree into a payload record; a type mismatch names the JSON path. */
    public <T> T convert(JsonNode node, Class<T> type, String path) throws InvalidPayloadException {
        try {
            return mapper.treeToValue(node, type);
        } catch (JsonMappingException e) {
            String where = joinPath(path, e);
            throw new InvalidPayloadException((where.isEmpty() ? "body" : where) + ": " + e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            throw new InvalidPayloadException((path.isEmpty() ? "body" : path) + ": " + e.getOriginalMessage(), e);
        }
    }

    /** The compact JSON text of a node (for the raw record of one alert). */
    public String text(JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed JSON tree could not be written back", e);
        }
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static String joinPath(String base, JsonMappingException e) {
        StringBuilder path = new StringBuilder(base);
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
