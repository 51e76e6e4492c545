package dev.runbookbot.runbooktest;

import dev.runbookbot.diagnose.recorded.Recording;
import dev.runbookbot.runbook.SourceLocation;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One case: the alert's labels and annotations (empty for a manual run), explicit parameters (as a responder types
 * them), the recorded result of each step and what must come of them; {@code now} pins the run's moment. {@code location} is where the case starts.
 */
public record TestCase(
        String name,
        SourceLocation location,
        Map<String, String> labels,
        Map<String, String> annotations,
        Map<String, String> params,
        Recording results,
        CaseExpectation expect,
        Optional<Instant> now) {
    public TestCase {
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
        params = Map.copyOf(params);
        Objects.requireNonNull(now, "now");
    }

    /** A case that does not pin {@code now}: the run reads the clock. */
    public TestCase(
            String name,
            SourceLocation location,
            Map<String, String> labels,
            Map<String, String> annotations,
            Map<String, String> params,
            Recording results,
            CaseExpectation expect) {
        this(name, location, labels, annotations, params, results, expect, Optional.empty());
    }
}
