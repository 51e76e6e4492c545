package dev.runbookbot.runbook;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A runbook file the catalog refused: its errors (at least one, in file order) and the version of it still served,
 * which is the last valid version loaded from the same file, or none when the file never loaded cleanly.
 */
public record RefusedRunbook(Path file, String version, List<Problem> errors, Optional<RunbookSpec> stillServed) {
    public RefusedRunbook {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(version, "version");
        errors = List.copyOf(errors);
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a refused runbook has at least one error: " + file);
        }
        Objects.requireNonNull(stillServed, "stillServed");
    }

    /** The first error, as {@code file:line:col: error: message (hint)}. */
    public String firstError() {
        return errors.get(0).format();
    }
}
