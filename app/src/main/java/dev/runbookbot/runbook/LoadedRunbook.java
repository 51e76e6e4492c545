package dev.runbookbot.runbook;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One runbook file after loading: its content hash ({@code version}), the records read from it, where everything
 * was written ({@link SourceMap}), and the problems found while reading.
 *
 * <p>{@link #draft()} is present whenever the file was a YAML mapping, even with problems: fields that were invalid
 * are {@code null} (enums, escalation) or defaulted in it, so lint can keep checking. {@link #spec()} is present only
 * when loading found no error; it is the only form the bot should use (and only after lint also passes).
 */
public record LoadedRunbook(
        Path file, String version, Optional<RunbookSpec> draft, SourceMap sources, List<Problem> problems) {
    public LoadedRunbook {
        problems = List.copyOf(problems);
    }

    public boolean hasErrors() {
        return problems.stream().anyMatch(Problem::isError);
    }

    /** The runbook, when it loaded without errors. */
    public Optional<RunbookSpec> spec() {
        return hasErrors() ? Optional.empty() : draft;
    }
}
