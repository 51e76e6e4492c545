package dev.runbookbot.lint;

import dev.runbookbot.runbook.DecisionSpec;
import dev.runbookbot.runbook.RemediationSpec;
import dev.runbookbot.runbook.RemediationType;
import dev.runbookbot.runbook.RunbookSpec;
import java.util.List;
import java.util.Optional;

/**
 * A hand-off only hands off and a suppression only suppresses: neither has an action, instructions or an approval of
 * its own (the runbook a hand-off starts proposes its own remediations, each approved as configured there; a
 * suppression changes nothing outside the bot). A decision that names a hand-off together with other remediations
 * gets a warning (a plan that hands off proposes nothing else of this runbook), and so does one that names a
 * suppression with a remediation that needs a person (a plan that suppresses runs only what runs unattended, then
 * ends the incident). The target runbook, its parameters and cycles are checked across the catalog ({@link
 * HandOffCatalogRule}).
 */
final class HandOffRule implements RunbookRule {
    @Override
    public void check(RunbookSpec runbook, Findings f) {
        for (RemediationSpec remediation : runbook.remediations()) {
            if (remediation.type() != RemediationType.HANDOFF && remediation.type() != RemediationType.SUPPRESS) {
                continue;
            }
            String path = f.pathOf(remediation);
            boolean handOff = remediation.type() == RemediationType.HANDOFF;
            String what = (handOff ? "hand-off '" : "suppression '") + remediation.id() + "'";
            if (remediation.action().isPresent()) {
                f.error(
                        Findings.child(path, "action"),
                        what + " has an 'action'",
                        handOff
                                ? "a hand-off starts the runbook in 'runbook:'; put actions in that runbook's remediations"
                                : "a suppression ends the incident; put actions in another remediation");
            }
            if (remediation.instructions().isPresent()) {
                f.error(
                        Findings.child(path, "instructions"),
                        what + " has 'instructions'",
                        (handOff
                                        ? "a hand-off starts the runbook in 'runbook:'"
                                        : "a suppression says why in 'reason:'")
                                + "; put instructions in a manual remediation");
            }
            if (remediation.safety().requiresApproval()) {
                f.error(
                        Findings.child(path, "requiresApproval"),
                        what + " cannot require approval",
                        handOff
                                ? "it only starts read-only diagnostics; the remediations of the runbook it starts are"
                                        + " approved as that runbook says"
                                : "it changes nothing outside the bot: it records that the alert is expected");
            }
        }
        for (DecisionSpec decision : runbook.decisionTree()) {
            List<RemediationSpec> then = decision.then().stream()
                    .flatMap(id -> runbook.remediation(id).stream())
                    .toList();
            String path = Findings.child(f.pathOf(decision), "then");
            Optional<RemediationSpec> handOff = then.stream()
                    .filter(r -> r.type() == RemediationType.HANDOFF)
                    .findFirst();
            Optional<RemediationSpec> suppression = then.stream()
                    .filter(r -> r.type() == RemediationType.SUPPRESS)
                    .findFirst();
            if (handOff.isPresent() && then.size() > 1) {
                f.warning(
                        path,
                        "decision hands off ('" + handOff.get().id() + "') and names other remediations too; a plan"
                                + " that hands off proposes nothing else of this runbook",
                        "name only the hand-off, and let the runbook it starts propose the rest");
            } else if (suppression.isPresent()) {
                then.stream()
                        .filter(r -> r != suppression.get()
                                && !(r.type() == RemediationType.AUTOMATED
                                        && !r.safety().needsHuman()))
                        .findFirst()
                        .ifPresent(r -> f.warning(
                                path,
                                "decision suppresses ('" + suppression.get().id() + "') and names '" + r.id()
                                        + "', which needs a person; a plan that suppresses runs only what runs"
                                        + " unattended, then ends the incident",
                                "mark it safe, or move it to another decision"));
            }
        }
    }
}
