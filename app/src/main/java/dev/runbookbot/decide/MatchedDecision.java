package dev.runbookbot.decide;

import java.util.List;

/** A branch whose condition held, with the remediation ids it names in order. */
public record MatchedDecision(
        int index, String label, String description, String condition, List<String> remediationIds) {
    public MatchedDecision {
        remediationIds = List.copyOf(remediationIds);
    }
}
