package dev.runbookbot.remediate;

import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.runbook.RunbookSpec;
import java.util.List;

/**
 * Runs some diagnostic steps of a runbook again, now, read-only, with the steps they need, and gives their results
 * ({@link FreshFacts}). A remediation reads fresh facts when it executes: the condition of its {@code require} (the
 * {@link PreconditionGuard}), the items of its {@code forEach} and the condition of its {@code until}. Implemented over
 * the {@code Diagnoser}, so with the same executors, timeouts and interpretation as a diagnosis. Thread-safe; blocks
 * for as long as the steps take.
 */
@FunctionalInterface
public interface FreshDiagnostics {
    /**
     * Runs the steps of {@code runbook} named {@code stepIds} (and the steps they need) over {@code inputs}' parameters,
     * labels and annotations, without the results they held; {@code inputs}' {@code now}, when pinned, stays.
     */
    FreshFacts run(RunbookSpec runbook, List<String> stepIds, TemplateContext inputs);
}
