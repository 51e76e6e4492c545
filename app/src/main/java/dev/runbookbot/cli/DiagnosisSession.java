package dev.runbookbot.cli;

import dev.runbookbot.decide.Diagnoser;
import dev.runbookbot.lint.Linter;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code run} and {@code simulate} work with: where the runbooks are, the linter that decides which of them may
 * run, and a {@link Diagnoser}, which runs diagnostics and decides but cannot remediate. {@code recordedSteps} holds the
 * step ids of the fixture when results are recorded, and is empty for live diagnostics. {@link #close()} releases the
 * session's threads and connections.
 */
public record DiagnosisSession(
        Path runbooks, Linter linter, Diagnoser diagnoser, Optional<Set<String>> recordedSteps, Runnable release)
        implements AutoCloseable {
    public DiagnosisSession {
        Objects.requireNonNull(runbooks, "runbooks");
        Objects.requireNonNull(linter, "linter");
        Objects.requireNonNull(diagnoser, "diagnoser");
        recordedSteps = recordedSteps.map(Set::copyOf);
        Objects.requireNonNull(release, "release");
    }

    @Override
    public void close() {
        release.run();
    }
}
