package dev.runbookbot.remediate;

import dev.runbookbot.runbook.ActionType;
import dev.runbookbot.runbook.ConfigProblem;
import dev.runbookbot.runbook.StepConfig;
import java.util.List;
import java.util.Set;

/**
 * Carries out one type of remediation action. Only the remediation pipeline calls {@link #execute}, after every guard
 * (approval, environment scope, concurrency) has allowed it; {@link #preview} has no side effect and is what dry runs
 * and approval messages show. Implementations are thread-safe.
 */
public interface ActionExecutor {
    ActionType type();

    /** Checks an action's config at load time. Returns every problem; an empty list means valid. */
    List<ConfigProblem> validate(StepConfig config);

    /**
     * The keys an action's {@code config} may hold, as {@link #validate} accepts them (for a type with variants, such as
     * {@code run_script}'s argv and SQL forms, the keys of every variant). The JSON Schema's sub-schema of this type and the
     * reference docs list exactly these ({@code ConfigSchemaAgreementTest}).
     */
    default Set<String> configKeys() {
        return Set.of();
    }

    /** Renders exactly what {@link #execute} would do, with secrets masked. No side effects. */
    ActionPreview preview(ActionRequest request) throws ActionException;

    /** Performs the action. Never throws for an expected failure: returns {@link ActionOutcome.Failed}. */
    ActionOutcome execute(ActionRequest request);
}
