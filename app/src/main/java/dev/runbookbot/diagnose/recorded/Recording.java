package dev.runbookbot.diagnose.recorded;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.runbookbot.diagnose.FailureKind;
import dev.runbookbot.diagnose.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The recorded results of a fixture file, by step id. The file is YAML:
 *
 * <pre>
 * check_db_connections:                 # a step that observed something
 *   facts: {value: 95.0, empty: false}  # names and values as the diagnostic type declares them
 *   evidence: "payments uses 95% of max_connections"   # optional
 *   details: ["{datname=\"payments\"} = 95"]           # optional
 * check_downstream:                     # a step that failed
 *   error: UNREACHABLE                  # a FailureKind: TIMEOUT, UNREACHABLE, BAD_RESPONSE, QUERY_ERROR, ...
 *   reason: "api.stripe.com: connection refused"      # optional
 * </pre>
 *
 * A step with {@code forEach} records each iteration under {@code iterations}, keyed by its item as the thread names
 * it; its own {@code facts} or {@code error}, if any, stands for every item not listed:
 *
 * <pre>
 * restarts_per_pod:
 *   iterations:
 *     checkout-1: {facts: {value: 12.0}}
 *     checkout-2: {error: TIMEOUT}
 *   facts: {value: 0.0}                 # every other pod
 * </pre>
 *
 * Fact values are kept as read (whole numbers as {@code Long}, other numbers as {@code Double}); the
 * {@link RecordedExecutor} converts them to the type its diagnostic type declares. Immutable.
 */
public record Recording(Path file, Map<String, Outcome> steps, Map<String, Map<String, Outcome>> iterations) {
    /** The key of a {@code forEach} step's results per item. */
    private static final String ITERATIONS = "iterations";

    private static final Set<String> OBSERVED_KEYS = Set.of("facts", "evidence", "details");
    private static final Set<String> FAILED_KEYS = Set.of("error", "reason");

    private static final long MAX_BYTES = 4L * 1024 * 1024;

    public Recording {
        steps = Collections.unmodifiableMap(new LinkedHashMap<>(steps));
        Map<String, Map<String, Outcome>> copy = new LinkedHashMap<>();
        iterations.forEach((step, byItem) -> copy.put(step, Collections.unmodifiableMap(new LinkedHashMap<>(byItem))));
        iterations = Collections.unmodifiableMap(copy);
    }

    /** Recorded results of steps that run once. */
    public Recording(Path file, Map<String, Outcome> steps) {
        this(file, steps, Map.of());
    }

    /** The recorded result of step {@code stepId}. */
    public Optional<Outcome> step(String stepId) {
        return Optional.ofNullable(steps.get(stepId));
    }

    /**
     * The recorded result of the iteration of {@code forEach} step {@code stepId} whose item reads {@code itemLabel}
     * (as the thread names it: {@code checkout-1}, or {@code {namespace="shop", pod="checkout-1"}} for a series), else
     * the step's own recorded result, which stands for every iteration not recorded by itself.
     */
    public Optional<Outcome> iteration(String stepId, String itemLabel) {
        Outcome own = iterations.getOrDefault(stepId, Map.of()).get(itemLabel);
        return own != null ? Optional.of(own) : step(stepId);
    }

    /**
     * Reads a fixture file. Every problem is reported at once, each with the key it concerns
     * ({@code check_db.error: ...}).
     *
     * @throws RecordingException when the file cannot be read or is not a valid fixture
     */
    public static Recording read(Path file) throws RecordingException {
        byte[] content;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new RecordingException(file, List.of("the file is larger than " + MAX_BYTES + " bytes"));
            }
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new RecordingException(file, List.of("no such file"));
        } catch (IOException e) {
            throw new RecordingException(file, List.of("cannot read the file: " + e.getMessage()));
        }
        JsonNode root;
        try {
            ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
            yaml.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            root = yaml.readTree(content);
        } catch (JsonProcessingException e) {
            throw new RecordingException(file, List.of("not valid YAML: " + e.getOriginalMessage() + location(e)));
        } catch (IOException e) {
            throw new RecordingException(file, List.of("cannot read the file: " + e.getMessage()));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new RecordingException(file, List.of("the file is empty; it should map step ids to results"));
        }
        return parse(file, root);
    }

    /**
     * Reads recorded results already parsed from YAML or JSON (for example the {@code results} of a runbook test
     * case); {@code file} names where they came from in messages.
     *
     * @throws RecordingException when {@code root} is not a valid set of recorded results
     */
    public static Recording parse(Path file, JsonNode root) throws RecordingException {
        if (!root.isObject()) {
            throw new RecordingException(
                    file, List.of("the file should be a mapping from step ids to results, not a " + kind(root)));
        }
        List<String> problems = new ArrayList<>();
        Map<String, Outcome> steps = new LinkedHashMap<>();
        Map<String, Map<String, Outcome>> iterations = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : root.properties()) {
            String stepId = entry.getKey();
            JsonNode node = entry.getValue();
            if (node.isObject() && node.has(ITERATIONS)) {
                JsonNode byItem = node.get(ITERATIONS);
                if (!byItem.isObject()) {
                    problems.add(stepId + "." + ITERATIONS + ": must map each item (as the thread names it) to its"
                            + " result, not a " + kind(byItem));
                    continue;
                }
                Map<String, Outcome> results = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> item : byItem.properties()) {
                    outcome(stepId + "." + ITERATIONS + "." + item.getKey(), item.getValue(), problems)
                            .ifPresent(o -> results.put(item.getKey(), o));
                }
                iterations.put(stepId, results);
                if (!node.has("facts") && !node.has("error")) {
                    continue;
                }
            }
            outcome(stepId, node, problems).ifPresent(o -> steps.put(stepId, o));
        }
        if (!problems.isEmpty()) {
            throw new RecordingException(file, problems);
        }
        return new Recording(file, steps, iterations);
    }

    private static Optional<Outcome> outcome(String stepId, JsonNode node, List<String> problems) {
        if (!node.isObject()) {
            problems.add(stepId + ": must be a mapping with 'facts' (what the step observed) or 'error' (how it"
                    + " failed), not a " + kind(node));
            return Optional.empty();
        }
        boolean observed = node.has("facts");
        boolean failed = node.has("error");
        if (node.has(ITERATIONS) && stepId.contains("." + ITERATIONS + ".")) {
            problems.add(stepId + "." + ITERATIONS + ": an iteration has no iterations of its own");
            return Optional.empty();
        }
        if (observed == failed) {
            problems.add(stepId
                    + (observed
                            ? ": has both 'facts' and 'error'; a step either observed something or failed"
                            : ": needs 'facts' (what the step observed) or 'error' (how it failed)"));
            return Optional.empty();
        }
        Set<String> known = observed ? OBSERVED_KEYS : FAILED_KEYS;
        int before = problems.size();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            if (!known.contains(entry.getKey()) && !entry.getKey().equals(ITERATIONS)) {
                problems.add(stepId + "." + entry.getKey() + ": unknown key; "
                        + (observed ? "an observation" : "a failure") + " takes "
                        + known.stream().sorted().collect(Collectors.joining(", ")));
            }
        }
        Optional<Outcome> outcome = observed ? observed(stepId, node, problems) : failed(stepId, node, problems);
        return problems.size() == before ? outcome : Optional.empty();
    }

    private static Optional<Outcome> observed(String stepId, JsonNode node, List<String> problems) {
        JsonNode facts = node.get("facts");
        if (!facts.isObject()) {
            problems.add(stepId + ".facts: must be a mapping from fact names to values, not a " + kind(facts));
            return Optional.empty();
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> fact : facts.properties()) {
            values.put(fact.getKey(), java(fact.getValue()));
        }
        String evidence = "recorded result";
        if (node.has("evidence")) {
            JsonNode text = node.get("evidence");
            if (!text.isValueNode() || text.isNull()) {
                problems.add(stepId + ".evidence: must be one line of text, not a " + kind(text));
            } else {
                evidence = text.asText();
            }
        }
        List<String> details = new ArrayList<>();
        if (node.has("details")) {
            JsonNode lines = node.get("details");
            if (!lines.isArray()) {
                problems.add(stepId + ".details: must be a list of lines, not a " + kind(lines));
            } else {
                for (int i = 0; i < lines.size(); i++) {
                    JsonNode line = lines.get(i);
                    if (!line.isValueNode() || line.isNull()) {
                        problems.add(stepId + ".details[" + i + "]: must be a line of text, not a " + kind(line));
                    } else {
                        details.add(line.asText());
                    }
                }
            }
        }
        return Optional.of(Outcome.observed(values, evidence, details));
    }

    private static Optional<Outcome> failed(String stepId, JsonNode node, List<String> problems) {
        JsonNode error = node.get("error");
        String kinds = Arrays.stream(FailureKind.values()).map(Enum::name).collect(Collectors.joining(", "));
        if (!error.isTextual()) {
            problems.add(stepId + ".error: must be one of " + kinds + ", not a " + kind(error));
            return Optional.empty();
        }
        FailureKind kind;
        try {
            kind = FailureKind.valueOf(error.asText().strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(stepId + ".error: '" + error.asText() + "' is not a failure kind; use one of " + kinds);
            return Optional.empty();
        }
        String reason = "recorded failure";
        if (node.has("reason")) {
            JsonNode text = node.get("reason");
            if (!text.isValueNode() || text.isNull()) {
                problems.add(stepId + ".reason: must be text, not a " + kind(text));
                return Optional.empty();
            }
            reason = text.asText();
        }
        return Optional.of(Outcome.failed(kind, reason));
    }

    /** A YAML value as plain Java: Long, Double, String, Boolean, null, List, Map. */
    private static Object java(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? (Object) node.longValue() : (Object) node.doubleValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            node.forEach(element -> list.add(java(element)));
            return Collections.unmodifiableList(list);
        }
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                map.put(entry.getKey(), java(entry.getValue()));
            }
            return Collections.unmodifiableMap(map);
        }
        return node.asText();
    }

    private static String kind(JsonNode node) {
        if (node.isObject()) {
            return "mapping";
        }
        if (node.isArray()) {
            return "list";
        }
        if (node.isNull()) {
            return "null";
        }
        return "single value";
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null
                ? ""
                : " (line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr() + ")";
    }
}
