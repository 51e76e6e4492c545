package dev.runbookbot.lint;

import dev.runbookbot.runbook.Problem;
import dev.runbookbot.runbook.SourceLocation;
import dev.runbookbot.runbook.SourceMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects one runbook's problems, placing each at the path it concerns through the file's {@link SourceMap}. It
 * remembers the paths that already have an error, so that a later rule can leave a mistake another rule reported
 * alone: one mistake, one error. Used by one thread.
 */
final class Findings {
    private final SourceMap sources;
    private final List<Problem> out;
    private final Set<String> errorPaths = new HashSet<>();

    Findings(SourceMap sources, List<Problem> out) {
        this.sources = sources;
        this.out = out;
    }

    SourceMap sources() {
        return sources;
    }

    /** The path an element was loaded from ({@code diagnostics[2]}), or the root when unknown. */
    String pathOf(Object element) {
        return sources.pathOf(element).orElse("");
    }

    static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    SourceLocation at(String path) {
        return sources.at(path);
    }

    /** Whether an error was already reported at {@code path}. */
    boolean hasErrorAt(String path) {
        return errorPaths.contains(path);
    }

    void error(String path, String message, String hint) {
        errorPaths.add(path);
        out.add(Problem.error(sources.at(path), message, hint));
    }

    void error(String path, String message) {
        error(path, message, "");
    }

    /** An error at character {@code offset} of the text value at {@code path}. */
    void errorAt(String path, int offset, String message, String hint) {
        errorPaths.add(path);
        out.add(Problem.error(sources.at(path, offset), message, hint));
    }

    void errorAtKey(String path, String message, String hint) {
        errorPaths.add(path);
        out.add(Problem.error(sources.keyAt(path), message, hint));
    }

    void warning(String path, String message, String hint) {
        out.add(Problem.warning(sources.at(path), message, hint));
    }

    void add(Problem problem) {
        out.add(problem);
    }
}
