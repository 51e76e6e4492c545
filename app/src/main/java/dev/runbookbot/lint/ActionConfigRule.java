package dev.runbookbot.lint;

import dev.runbookbot.runbook.ActionSpec;
import dev.runbookbot.runbook.ConfigProblem;
import dev.runbookbot.runbook.RemediationSpec;
import dev.runbookbot.runbook.RunbookSpec;

/**
 * Each automated remediation's action {@code config} is valid for its type, as {@link ActionChecks} judges it, so a
 * mistake (a {@code scale_up} of a DaemonSet, a {@code drain} without a node) is reported at its file:line:col when the
 * runbook is loaded rather than when the action is proposed. A problem where an earlier rule already reported an error
 * is left out.
 */
final class ActionConfigRule implements RunbookRule {
    private final ActionChecks checks;

    ActionConfigRule(ActionChecks checks) {
        this.checks = checks;
    }

    @Override
    public void check(RunbookSpec runbook, Findings f) {
        for (RemediationSpec remediation : runbook.remediations()) {
            if (remediation.action().isEmpty()) {
                continue;
            }
            ActionSpec action = remediation.action().get();
            if (action.type() == null || action.config() == null) {
                continue;
            }
            for (ConfigProblem problem : checks.validate(action.type(), action.config())) {
                if (!problem.isError()) {
                    f.warning(problem.path(), problem.message(), problem.hint());
                } else if (!f.hasErrorAt(problem.path())) {
                    f.error(problem.path(), problem.message(), problem.hint());
                }
            }
        }
    }
}
