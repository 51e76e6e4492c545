package dev.runbookbot.lint;

import dev.runbookbot.runbook.ClosestNames;
import dev.runbookbot.runbook.DecisionSpec;
import dev.runbookbot.runbook.RemediationSpec;
import dev.runbookbot.runbook.RunbookSpec;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Every remediation a decision proposes ({@code then}) is defined under {@code remediations}; a defined remediation
 * that no decision proposes is worth a warning.
 */
final class ReferenceRule implements RunbookRule {
    @Override
    public void check(RunbookSpec runbook, Findings f) {
        Set<String> defined = new LinkedHashSet<>();
        runbook.remediations().forEach(r -> defined.add(r.id()));
        Set<String> used = new HashSet<>();
        for (DecisionSpec decision : runbook.decisionTree()) {
            String path = f.pathOf(decision);
            if (decision.then().isEmpty() && f.sources().has(Findings.child(path, "then"))) {
                f.error(Findings.child(path, "then"), "'then' names no remediation", "list the ids to propose");
            }
            List<String> then = decision.then();
            for (int i = 0; i < then.size(); i++) {
                String id = then.get(i);
                used.add(id);
                if (defined.contains(id)) {
                    continue;
                }
                String hint = ClosestNames.best(id, defined)
                        .map(s -> "did you mean '" + s + "'?")
                        .orElse("define it under remediations");
                f.error(
                        Findings.child(path, "then") + "[" + i + "]",
                        "decision names remediation '" + id + "', which this runbook does not define",
                        hint);
            }
        }
        for (RemediationSpec r : runbook.remediations()) {
            if (!r.id().isEmpty() && !used.contains(r.id())) {
                f.warning(
                        Findings.child(f.pathOf(r), "id"),
                        "remediation '" + r.id() + "' is never proposed by the decision tree",
                        "name it in a decision's 'then', or remove it");
            }
        }
    }
}
