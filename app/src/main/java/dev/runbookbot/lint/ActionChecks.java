package dev.runbookbot.lint;

import dev.runbookbot.runbook.ActionType;
import dev.runbookbot.runbook.ConfigProblem;
import dev.runbookbot.runbook.StepConfig;
import java.util.List;

/**
 * The check of an automated remediation's action {@code config} that lint runs, as the action type's executor judges
 * it (a Kubernetes action naming a kind it cannot act on, a templated context, a bad duration). A type without a check
 * here is left to be refused when the action is previewed. Implementations are thread-safe and contact nothing.
 */
@FunctionalInterface
public interface ActionChecks {
    /** Every problem in an action's config, with paths as {@link StepConfig#pathOf} writes them; empty when valid. */
    List<ConfigProblem> validate(ActionType type, StepConfig config);

    /** No action is checked. */
    static ActionChecks none() {
        return (type, config) -> List.of();
    }
}
