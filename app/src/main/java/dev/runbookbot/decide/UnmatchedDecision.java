package dev.runbookbot.decide;

/**
 * A branch whose condition did not hold. {@code evaluationFailed} is true when it could not be evaluated at all (for
 * example it reads a fact of a step that errored); {@code reason} then says why.
 */
public record UnmatchedDecision(int index, String label, String condition, String reason, boolean evaluationFailed) {}
