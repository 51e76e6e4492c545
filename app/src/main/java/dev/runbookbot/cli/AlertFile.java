package dev.runbookbot.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The labels and annotations of an alert given with {@code --alert FILE}: an Alertmanager webhook body (version 4,
 * the first alert whose status is {@code firing}), or a plain {@code {"labels": {...}, "annotations": {...}}} object.
 * Label and annotation values must be text, as Alertmanager sends them.
 */
record AlertFile(Map<String, String> labels, Map<String, String> annotations, String origin) {
    private static final long MAX_BYTES = 1024 * 1024;

    AlertFile {
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
    }

    /** The alert's name ({@code alertname} label), if it has one. */
    Optional<String> alertName() {
        return Optional.ofNullable(labels.get("alertname"));
    }

    static AlertFile read(Path file) {
        JsonNode root;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new InputFileException("--alert " + file + ": larger than " + MAX_BYTES + " bytes");
            }
            root = new ObjectMapper().readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new InputFileException("--alert " + file + ": no such file");
        } catch (JsonProcessingException e) {
            throw new InputFileException("--alert " + file + ": not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null
                            ? ""
                            : " (line " + e.getLocation().getLineNr() + ", column "
                                    + e.getLocation().getColumnNr() + ")"));
        } catch (IOException e) {
            throw new InputFileException("--alert " + file + ": cannot read the file: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new InputFileException("--alert " + file + ": expected a JSON object (an Alertmanager webhook body"
                    + " or {\"labels\": {...}, \"annotations\": {...}})");
        }
        if (root.has("alerts")) {
            return webhook(file, root);
        }
        if (!root.has("labels") && !root.has("annotations")) {
            throw new InputFileException("--alert " + file + ": has neither 'alerts' (an Alertmanager webhook body)"
                    + " nor 'labels'/'annotations'");
        }
        return new AlertFile(
                strings(file, root, "labels"), strings(file, root, "annotations"), file + " (labels and annotations)");
    }

    private static AlertFile webhook(Path file, JsonNode root) {
        JsonNode alerts = root.get("alerts");
        if (!alerts.isArray()) {
            throw new InputFileException("--alert " + file + ": 'alerts' must be a list");
        }
        String version = root.path("version").asText("");
        if (!version.isEmpty() && !version.equals("4")) {
            throw new InputFileException(
                    "--alert " + file + ": Alertmanager webhook version '" + version + "'; runbookctl reads version 4");
        }
        for (int i = 0; i < alerts.size(); i++) {
            JsonNode alert = alerts.get(i);
            if ("firing".equals(alert.path("status").asText())) {
                return new AlertFile(
                        strings(file, alert, "labels"),
                        strings(file, alert, "annotations"),
                        file + " (Alertmanager webhook, alert " + (i + 1) + " of " + alerts.size() + ")");
            }
        }
        throw new InputFileException("--alert " + file + ": no firing alert among its " + alerts.size()
                + (alerts.size() == 1 ? " alert" : " alerts"));
    }

    private static Map<String, String> strings(Path file, JsonNode owner, String field) {
        JsonNode node = owner.get(field);
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw new InputFileException("--alert " + file + ": '" + field + "' must be an object of text values");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            if (!entry.getValue().isTextual()) {
                throw new InputFileException("--alert " + file + ": " + field + "." + entry.getKey()
                        + " must be text, as Alertmanager sends it");
            }
            values.put(entry.getKey(), entry.getValue().asText());
        }
        return values;
    }
}
