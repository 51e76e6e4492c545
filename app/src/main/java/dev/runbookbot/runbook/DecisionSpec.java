package dev.runbookbot.runbook;

import java.util.List;

/** A branch of the decision tree: when {@code condition} holds, the remediations named in {@code then} are proposed. */
public record DecisionSpec(String condition, List<String> then, String description, SourceLocation location) {
    public DecisionSpec {
        then = List.copyOf(then);
    }
}
