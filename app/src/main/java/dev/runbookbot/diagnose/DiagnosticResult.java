package dev.runbookbot.diagnose;

import dev.runbookbot.runbook.DiagnosticType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A diagnostic's interpreted result. {@code reason} explains the status: the condition that held, why none did, or
 * the failure. {@code facts} are empty for {@link DiagnosticStatus#ERROR}.
 */
public record DiagnosticResult(
        String stepId,
        String name,
        DiagnosticType type,
        DiagnosticStatus status,
        String reason,
        Optional<FailureKind> failure,
        Map<String, Object> facts,
        String evidence,
        List<String> details,
        Instant startedAt,
        Duration duration) {
    public DiagnosticResult {
        facts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(facts));
        details = List.copyOf(details);
    }
}
