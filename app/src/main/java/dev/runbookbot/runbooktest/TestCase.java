package dev.runbookbot.runbooktest;

import dev.runbookbot.diagnose.recorded.Recording;
import dev.runbookbot.runbook.SourceLocation;
import java.util.Map;

/**
 * One case: the alert's labels and annotations (empty for a manual run), explicit parameters (as a responder types
 * them), the recorded result of each step and what must come of them. {@code location} is where the case starts.
 */
public record TestCase(
        String name,
        SourceLocation location,
        Map<String, String> labels,
        Map<String, String> annotations,
        Map<String, String> params,
        Recording results,
        CaseExpectation expect) {
    public TestCase {
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
        params = Map.copyOf(params);
    }
}
