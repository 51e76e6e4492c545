package dev.runbookbot.runbook;

import java.util.Locale;

/**
 * How a decision tree picks its branches: {@link #ALL} (the default) proposes what every branch that holds names;
 * {@link #FIRST} stops at the first branch that holds, in order, as Go templates' {@code if / else if} and Step
 * Functions' {@code Choices} do. Either way an {@code else} branch holds when no branch before it did.
 */
public enum DecisionMatch {
    ALL,
    FIRST;

    /** The spelling in a runbook: {@code all} or {@code first}. */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
