package dev.runbookbot.lint;

import dev.runbookbot.diagnose.StepGraph;
import dev.runbookbot.runbook.ClosestNames;
import dev.runbookbot.runbook.DiagnosticSpec;
import dev.runbookbot.runbook.RunbookSpec;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every step a diagnostic {@code needs} is another diagnostic of the runbook, named once, and the needs form no cycle
 * (a cycle is reported once, at the first step in it, with the whole loop). What a step may read of earlier steps
 * follows from its needs; {@link ConditionRule} and {@link TemplateRule} check those reads.
 */
final class NeedsRule implements RunbookRule {
    @Override
    public void check(RunbookSpec runbook, Findings f) {
        Set<String> defined = new LinkedHashSet<>();
        runbook.diagnostics().forEach(d -> defined.add(d.id()));
        boolean referencesOk = true;
        for (DiagnosticSpec step : runbook.diagnostics()) {
            String path = Findings.child(f.pathOf(step), "needs");
            Set<String> seen = new HashSet<>();
            List<String> needs = step.needs();
            for (int i = 0; i < needs.size(); i++) {
                String need = needs.get(i);
                String at = f.sources().has(path + "[" + i + "]") ? path + "[" + i + "]" : path;
                if (need.equals(step.id())) {
                    referencesOk = false;
                    f.error(at, "step '" + step.id() + "' needs itself", "remove it from needs");
                } else if (!defined.contains(need)) {
                    referencesOk = false;
                    f.error(
                            at,
                            "step '" + step.id() + "' needs '" + need + "', which this runbook does not define",
                            ClosestNames.best(need, defined)
                                    .map(s -> "did you mean '" + s + "'?")
                                    .orElse("this runbook defines: " + String.join(", ", defined)));
                } else if (!seen.add(need)) {
                    f.warning(at, "step '" + step.id() + "' needs '" + need + "' twice", "name it once");
                }
            }
        }
        if (!referencesOk) {
            return;
        }
        Optional<List<String>> cycle = StepGraph.cycle(runbook.diagnostics());
        if (cycle.isPresent()) {
            String first = cycle.get().get(0);
            runbook.diagnostic(first)
                    .ifPresent(step -> f.error(
                            Findings.child(f.pathOf(step), "needs"),
                            "needs form a cycle: " + String.join(" -> ", cycle.get()),
                            "a step can only need steps that finish before it starts; remove one of these needs"));
        }
    }
}
