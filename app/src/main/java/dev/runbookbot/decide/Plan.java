package dev.runbookbot.decide;

import dev.runbookbot.diagnose.TimelineEntry;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the decision tree concluded: the overall severity, the remediations to propose in order (each once, naming the
 * decision that chose it), which decisions matched and which did not (with why), and a timeline of the run.
 */
public record Plan(
        OverallSeverity severity,
        List<PlannedRemediation> remediations,
        List<MatchedDecision> matched,
        List<UnmatchedDecision> unmatched,
        List<TimelineEntry> timeline,
        Instant decidedAt) {
    public Plan {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(decidedAt, "decidedAt");
        remediations = List.copyOf(remediations);
        matched = List.copyOf(matched);
        unmatched = List.copyOf(unmatched);
        timeline = List.copyOf(timeline);
    }
}
