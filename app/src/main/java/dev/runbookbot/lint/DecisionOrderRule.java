package dev.runbookbot.lint;

import dev.runbookbot.runbook.DecisionMatch;
import dev.runbookbot.runbook.DecisionSpec;
import dev.runbookbot.runbook.RunbookSpec;
import java.util.List;

/**
 * An {@code else} branch is the last of the tree (so there is at most one, and no branch after it is dead), and a
 * first-match tree ({@code decisionMatch: first}) ends with one: without it a run that matches no branch proposes
 * nothing, which Step Functions treats as a failure and we report as a warning.
 */
final class DecisionOrderRule implements RunbookRule {
    @Override
    public void check(RunbookSpec runbook, Findings f) {
        List<DecisionSpec> tree = runbook.decisionTree();
        for (int i = 0; i < tree.size() - 1; i++) {
            if (tree.get(i).fallback()) {
                f.error(
                        Findings.child(f.pathOf(tree.get(i)), "else"),
                        "an else branch must be the last branch of the decision tree",
                        "the branches after it could never hold; move it to the end");
            }
        }
        boolean hasElse = tree.stream().anyMatch(DecisionSpec::fallback);
        if (runbook.decisionMatch() == DecisionMatch.FIRST && !hasElse && !tree.isEmpty()) {
            f.warning(
                    "decisionMatch",
                    "with decisionMatch: first, a run that matches no branch proposes nothing",
                    "end the decision tree with an else branch (else: true, then: [...])");
        }
    }
}
