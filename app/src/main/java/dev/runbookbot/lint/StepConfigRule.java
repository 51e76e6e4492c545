package dev.runbookbot.lint;

import dev.runbookbot.runbook.ConfigProblem;
import dev.runbookbot.runbook.DiagnosticSpec;
import dev.runbookbot.runbook.RunbookSpec;

/**
 * Each diagnostic's {@code config} is valid for its type, as the type's executor judges it. A problem at a key where
 * an earlier rule (templates, argv) already reported an error is the same mistake seen twice and is left out.
 */
final class StepConfigRule implements RunbookRule {
    private final DiagnosticTypes types;

    StepConfigRule(DiagnosticTypes types) {
        this.types = types;
    }

    @Override
    public void check(RunbookSpec runbook, Findings f) {
        for (DiagnosticSpec diagnostic : runbook.diagnostics()) {
            if (diagnostic.type() == null
                    || diagnostic.config() == null
                    || types.facts(diagnostic.type()).isEmpty()) {
                continue;
            }
            for (ConfigProblem problem : types.validate(diagnostic.type(), diagnostic.config())) {
                String path = problem.path();
                String base = diagnostic.config().path();
                if (!path.equals(base) && !path.startsWith(base + ".") && !path.startsWith(base + "[")) {
                    path = path.isEmpty() ? base : base + "." + path;
                }
                if (!problem.isError()) {
                    f.warning(path, problem.message(), problem.hint());
                } else if (!f.hasErrorAt(path)) {
                    f.error(path, problem.message(), problem.hint());
                }
            }
        }
    }
}
