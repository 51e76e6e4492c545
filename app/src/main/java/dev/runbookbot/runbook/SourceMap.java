package dev.runbookbot.runbook;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where each value of a runbook file was written, by dotted path ({@code diagnostics[1].config.urls[0].url}), so a
 * problem found after loading (a lint rule, an executor's {@code validate}) can still point at line and column. A
 * path that was never written (a missing key) resolves to its closest written ancestor. Immutable once built.
 */
public final class SourceMap {
    private final Path file;
    private final List<String> lines;
    private final Map<String, Value> values;
    private final Map<String, SourceLocation> keys;
    private final Map<Object, String> elementPaths;

    private record Value(SourceLocation location, Optional<String> text) {}

    private SourceMap(Builder builder) {
        this.file = builder.file;
        this.lines = builder.lines;
        this.values = Map.copyOf(builder.values);
        this.keys = Map.copyOf(builder.keys);
        this.elementPaths = new IdentityHashMap<>(builder.elementPaths);
    }

    /** A builder for {@code file}, whose text is {@code content} (for positions inside a value). */
    public static Builder builder(Path file, String content) {
        return new Builder(file, content);
    }

    public Path file() {
        return file;
    }

    /** True when a value was written at exactly {@code path}. */
    public boolean has(String path) {
        return values.containsKey(path);
    }

    /** The position of the value at {@code path}, or of its closest written ancestor. */
    public SourceLocation at(String path) {
        for (String p = path; ; p = parent(p)) {
            Value value = values.get(p);
            if (value != null) {
                return value.location();
            }
            if (p.isEmpty()) {
                return new SourceLocation(file, 1, 1);
            }
        }
    }

    /** The position of the key of {@code path} (where "unknown key" points), or {@link #at} when it has none. */
    public SourceLocation keyAt(String path) {
        SourceLocation key = keys.get(path);
        return key != null ? key : at(path);
    }

    /**
     * The position of character {@code offset} inside the text value at {@code path}, when that value is written on
     * one line, plain or quoted without escapes, so that columns can be counted; otherwise the value's own position.
     */
    public SourceLocation at(String path, int offset) {
        SourceLocation start = at(path);
        Value value = values.get(path);
        if (offset < 0 || value == null || value.text().isEmpty() || start.line() < 1 || start.line() > lines.size()) {
            return start;
        }
        String text = value.text().get();
        if (offset > text.length() || text.indexOf('\n') >= 0) {
            return start;
        }
        String line = lines.get(start.line() - 1);
        int column = start.column() - 1;
        if (line.startsWith(text, column)) {
            return new SourceLocation(file, start.line(), start.column() + offset);
        }
        if (column < line.length()
                && (line.charAt(column) == '"' || line.charAt(column) == '\'')
                && line.startsWith(text, column + 1)) {
            return new SourceLocation(file, start.line(), start.column() + 1 + offset);
        }
        return start;
    }

    /** The path of a loaded element (a spec record, a {@link StepConfig}) as the loader registered it. */
    public Optional<String> pathOf(Object element) {
        return Optional.ofNullable(elementPaths.get(element));
    }

    /** {@code a.b[2].c} -> {@code a.b[2]} -> {@code a.b} -> {@code a} -> the root {@code ""}. */
    public static String parent(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut <= 0 ? "" : path.substring(0, cut);
    }

    /** Collects positions while a loader reads. Not thread-safe. */
    public static final class Builder {
        private final Path file;
        private final List<String> lines;
        private final Map<String, Value> values = new HashMap<>();
        private final Map<String, SourceLocation> keys = new HashMap<>();
        private final Map<Object, String> elementPaths = new IdentityHashMap<>();

        private Builder(Path file, String content) {
            this.file = file;
            this.lines = content.lines().toList();
        }

        /** Records a value; {@code text} is a scalar's text (as parsed), empty for mappings and lists. */
        public Builder value(String path, SourceLocation location, Optional<String> text) {
            values.put(path, new Value(location, text));
            return this;
        }

        /** Records where the key of {@code path} was written. */
        public Builder key(String path, SourceLocation location) {
            keys.put(path, location);
            return this;
        }

        /** Remembers the path {@code element} was read from (by identity); returns the element. */
        public <T> T register(T element, String path) {
            elementPaths.put(element, path);
            return element;
        }

        public SourceMap build() {
            return new SourceMap(this);
        }
    }
}
