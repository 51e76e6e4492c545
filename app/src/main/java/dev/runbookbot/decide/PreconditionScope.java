package dev.runbookbot.decide;

import dev.runbookbot.diagnose.DiagnosticResult;
import dev.runbookbot.diagnose.WhenScope;
import dev.runbookbot.expr.ConditionScope;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.runbook.RunbookSpec;
import java.util.List;
import java.util.Map;

/**
 * What a remediation's {@code require} condition sees when it is checked before the remediation executes: {@code
 * params}, {@code labels}, {@code annotations}, {@code now} and {@code diagnostics}, by step id, the fresh results of
 * the steps it reads (each with {@code status}, {@code reason}, {@code failure} and its facts, as in a decision). These
 * are the variables a step's {@code when} has; {@code severity} and {@code overall_severity} are left out, because
 * only the steps the condition reads run again and a verdict over them would not be the incident's.
 */
public final class PreconditionScope {
    public static final String DIAGNOSTICS = WhenScope.DIAGNOSTICS;

    private PreconditionScope() {}

    public static ConditionScope scope() {
        return WhenScope.scope();
    }

    /** The variables for one check: {@code inputs} and the steps of {@code runbook} that ran again. */
    public static Map<String, Object> variables(
            RunbookSpec runbook, List<DiagnosticResult> results, TemplateContext inputs) {
        return WhenScope.variables(inputs.withDiagnostics(DecisionScope.steps(runbook, results)));
    }
}
