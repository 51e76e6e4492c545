package dev.runbookbot.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The raw configuration: an optional YAML file overlaid by environment variables. Each setting has a dotted file key
 * (for example {@code store.path}) and, for the common ones, an environment variable ({@code RUNBOOK_DB}); the
 * environment wins. Errors name both, so a user knows where to fix it.
 */
public final class SettingsSource {
    private static final Pattern DURATION = Pattern.compile("([0-9]+)(ms|s|m|h)");

    private final JsonNode file;
    private final Path filePath;
    private final Map<String, String> env;

    private SettingsSource(JsonNode file, Path filePath, Map<String, String> env) {
        this.file = file;
        this.filePath = filePath;
        this.env = Map.copyOf(env);
    }

    /** Reads {@code file} if it exists (a missing file is fine: defaults and environment apply). */
    public static SettingsSource load(Path file, Map<String, String> env) {
        if (file == null || !Files.exists(file)) {
            return new SettingsSource(MissingNode.getInstance(), file, env);
        }
        try {
            JsonNode tree = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
            return new SettingsSource(tree == null ? MissingNode.getInstance() : tree, file, env);
        } catch (IOException e) {
            throw new SettingsException("cannot read configuration file " + file + ": " + e.getMessage(), e);
        }
    }

    public static SettingsSource of(Map<String, String> env) {
        return new SettingsSource(MissingNode.getInstance(), null, env);
    }

    /** The configuration file these settings came from, when one was read. */
    public Optional<Path> file() {
        return file.isMissingNode() ? Optional.empty() : Optional.ofNullable(filePath);
    }

    public Optional<String> string(String key, String envVar) {
        if (envVar != null) {
            String fromEnv = env.get(envVar);
            if (fromEnv != null && !fromEnv.isBlank()) {
                return Optional.of(fromEnv.trim());
            }
        }
        JsonNode node = node(key);
        if (node.isMissingNode() || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isValueNode()) {
            throw new SettingsException(where(key, envVar) + " must be a single value");
        }
        return Optional.of(node.asText());
    }

    public String string(String key, String envVar, String defaultValue) {
        return string(key, envVar).orElse(defaultValue);
    }

    public Optional<Path> path(String key, String envVar) {
        return string(key, envVar).map(Path::of);
    }

    public Optional<URI> uri(String key, String envVar) {
        Optional<String> text = string(key, envVar);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(text.get());
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new SettingsException(where(key, envVar)
                        + " must be an absolute URL such as http://host:9090, got '" + text.get() + "'");
            }
            return Optional.of(uri);
        } catch (URISyntaxException e) {
            throw new SettingsException(where(key, envVar) + " is not a valid URL: " + e.getMessage(), e);
        }
    }

    public int integer(String key, String envVar, int defaultValue) {
        Optional<String> text = string(key, envVar);
        try {
            return text.map(Integer::parseInt).orElse(defaultValue);
        } catch (NumberFormatException e) {
            throw new SettingsException(where(key, envVar) + " must be a whole number, got '" + text.get() + "'", e);
        }
    }

    public boolean bool(String key, String envVar, boolean defaultValue) {
        Optional<String> text = string(key, envVar);
        if (text.isEmpty()) {
            return defaultValue;
        }
        return switch (text.get().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default ->
                throw new SettingsException(where(key, envVar) + " must be true or false, got '" + text.get() + "'");
        };
    }

    /** A duration written as {@code 30s}, {@code 500ms}, {@code 2m} or {@code 1h}. */
    public Duration duration(String key, String envVar, Duration defaultValue) {
        Optional<String> text = string(key, envVar);
        if (text.isEmpty()) {
            return defaultValue;
        }
        Matcher m = DURATION.matcher(text.get());
        if (!m.matches()) {
            throw new SettingsException(
                    where(key, envVar) + " must be a duration such as 500ms, 30s, 2m or 1h, got '" + text.get() + "'");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }

    /** A list from the file (YAML sequence) or from a comma-separated environment variable. */
    public List<String> list(String key, String envVar) {
        if (envVar != null && env.get(envVar) != null && !env.get(envVar).isBlank()) {
            List<String> out = new ArrayList<>();
            for (String part : env.get(envVar).split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
            return out;
        }
        JsonNode node = node(key);
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new SettingsException(where(key, envVar) + " must be a list");
        }
        List<String> out = new ArrayList<>();
        node.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** The names of the entries of a map in the file, such as the data sources under {@code datasources}. */
    public List<String> keys(String key) {
        JsonNode node = node(key);
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (!node.isObject()) {
            throw new SettingsException(where(key, null) + " must be a map");
        }
        List<String> out = new ArrayList<>();
        Iterator<String> names = node.fieldNames();
        names.forEachRemaining(out::add);
        return out;
    }

    /** The raw environment, for settings whose variable names are derived (e.g. per data source). */
    public Optional<String> env(String name) {
        return Optional.ofNullable(env.get(name)).filter(v -> !v.isBlank());
    }

    /** Environment variable names that start with {@code prefix}, sorted. */
    public List<String> envNames(String prefix) {
        return env.keySet().stream().filter(k -> k.startsWith(prefix)).sorted().toList();
    }

    public String where(String key, String envVar) {
        String inFile = "'" + key + "'" + (filePath == null ? "" : " in " + filePath);
        return envVar == null ? "setting " + inFile : "setting " + inFile + " (or env " + envVar + ")";
    }

    private JsonNode node(String key) {
        JsonNode node = file;
        for (String part : key.split("\\.")) {
            node = node.path(part);
        }
        return node;
    }
}
