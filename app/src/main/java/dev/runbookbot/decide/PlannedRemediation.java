package dev.runbookbot.decide;

import dev.runbookbot.runbook.RemediationSpec;
import java.util.List;
import java.util.Objects;

/**
 * One step of the plan: a remediation, the label of the first decision that chose it, and the labels of any later
 * decisions that chose it too (it appears in the plan once).
 */
public record PlannedRemediation(RemediationSpec remediation, String chosenBy, List<String> alsoChosenBy) {
    public PlannedRemediation {
        Objects.requireNonNull(remediation, "remediation");
        Objects.requireNonNull(chosenBy, "chosenBy");
        alsoChosenBy = List.copyOf(alsoChosenBy);
    }
}
