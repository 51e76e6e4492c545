package dev.runbookbot.runbook;

import java.util.List;

/**
 * A branch of the decision tree: when {@code condition} holds, the remediations named in {@code then} are proposed.
 * An {@code else} branch ({@code fallback}) has no condition: it holds when no branch before it did, and it is the
 * tree's last branch.
 */
public record DecisionSpec(
        String condition, List<String> then, String description, boolean fallback, SourceLocation location) {
    public DecisionSpec {
        then = List.copyOf(then);
        condition = fallback ? "" : condition;
    }

    /** A branch with a condition. */
    public DecisionSpec(String condition, List<String> then, String description, SourceLocation location) {
        this(condition, then, description, false, location);
    }
}
