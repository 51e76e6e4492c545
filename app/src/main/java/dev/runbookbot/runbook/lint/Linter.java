package dev.runbookbot.runbook.lint;

import dev.runbookbot.expr.ConditionLanguage;
import dev.runbookbot.runbook.LoadedRunbook;
import dev.runbookbot.runbook.Problem;
import dev.runbookbot.runbook.RunbookSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks loaded runbooks for everything the loader cannot see: references between steps, conditions and templates
 * against what they will meet at run time, timeouts and limits, step configs (through each diagnostic type's own
 * validation), and conflicts between runbooks. Reports all problems at once, together with the loading problems.
 * Knows no concrete executor and no expression library: it is given {@link DiagnosticTypes} and a
 * {@link ConditionLanguage}. Thread-safe.
 */
public final class Linter {
    private final List<RunbookRule> rules;
    private final CatalogRule catalogRule = new CatalogRule();

    public Linter(DiagnosticTypes types, ConditionLanguage language) {
        this.rules = List.of(
                new IdRule(),
                new ParameterRule(),
                new TriggerRule(),
                new ReferenceRule(),
                new NeedsRule(),
                new DecisionOrderRule(),
                new ConditionRule(language, types),
                new InterpretOrderRule(),
                new TemplateRule(types),
                new ArgvRule(),
                new StepConfigRule(types),
                new RemediationRule(),
                new BoundsRule());
    }

    /** Lints the runbooks as one catalog (ids, aliases and alert triggers must not clash between them). */
    public LintReport lint(List<LoadedRunbook> runbooks) {
        List<Problem> problems = new ArrayList<>();
        List<CatalogRule.Entry> entries = new ArrayList<>();
        for (LoadedRunbook loaded : runbooks) {
            problems.addAll(loaded.problems());
            if (loaded.draft().isEmpty()) {
                continue;
            }
            RunbookSpec runbook = loaded.draft().get();
            Findings findings = new Findings(loaded.sources(), problems);
            for (RunbookRule rule : rules) {
                rule.check(runbook, findings);
            }
            entries.add(new CatalogRule.Entry(loaded, runbook));
        }
        catalogRule.check(entries, problems);
        return new LintReport(runbooks, problems);
    }
}
