package dev.runbookbot.runbook;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One diagnostic step: read-only evidence collection with its own timeout (default 30 s). {@code needs} names the
 * steps that must finish before this one starts (it may read their facts as {@code diagnostics.<id>.<fact>} in its
 * templates and conditions); a step with no needs starts at once, in parallel with the others. {@code when} is a
 * condition that decides, once its needs have finished, whether the step runs at all: a step whose {@code when} is
 * false reads {@code skipped}. {@code forEach} runs the step once per item ({@link LoopSpec}); its result is then the
 * worst of its iterations, and its facts the list of their readings ({@code iterations}).
 */
public record DiagnosticSpec(
        String id,
        String name,
        String description,
        DiagnosticType type,
        StepConfig config,
        Duration timeout,
        InterpretSpec interpret,
        List<String> needs,
        Optional<String> when,
        SourceLocation location,
        Optional<LoopSpec> forEach) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    public DiagnosticSpec {
        needs = List.copyOf(needs);
        Objects.requireNonNull(when, "when");
        forEach = forEach == null ? Optional.empty() : forEach;
    }

    /** A step that runs once (no {@code forEach}). */
    public DiagnosticSpec(
            String id,
            String name,
            String description,
            DiagnosticType type,
            StepConfig config,
            Duration timeout,
            InterpretSpec interpret,
            List<String> needs,
            Optional<String> when,
            SourceLocation location) {
        this(id, name, description, type, config, timeout, interpret, needs, when, location, Optional.empty());
    }

    /** A step with no needs and no {@code when}: it always runs, at once. */
    public DiagnosticSpec(
            String id,
            String name,
            String description,
            DiagnosticType type,
            StepConfig config,
            Duration timeout,
            InterpretSpec interpret,
            SourceLocation location) {
        this(id, name, description, type, config, timeout, interpret, List.of(), Optional.empty(), location);
    }
}
