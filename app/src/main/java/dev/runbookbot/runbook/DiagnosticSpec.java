package dev.runbookbot.runbook;

import java.time.Duration;

/** One diagnostic step: read-only evidence collection with its own timeout (default 30 s). */
public record DiagnosticSpec(
        String id,
        String name,
        String description,
        DiagnosticType type,
        StepConfig config,
        Duration timeout,
        InterpretSpec interpret,
        SourceLocation location) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
}
