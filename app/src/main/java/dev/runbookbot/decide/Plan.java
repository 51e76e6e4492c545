package dev.runbookbot.decide;

import dev.runbookbot.diagnose.TimelineEntry;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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

    /**
     * The first suppression the plan names, unless it hands off (the hand-off wins): a plan that suppresses runs only
     * what runs unattended, then the incident ends.
     */
    public Optional<PlannedRemediation> suppression() {
        if (handOff().isPresent()) {
            return Optional.empty();
        }
        return remediations.stream()
                .filter(p -> p.remediation().reason().isPresent())
                .findFirst();
    }

    /** The first hand-off the plan names: a plan that hands off proposes nothing else of its runbook. */
    public Optional<PlannedRemediation> handOff() {
        return remediations.stream()
                .filter(p -> p.remediation().handOff().isPresent())
                .findFirst();
    }
}
