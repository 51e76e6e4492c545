package dev.runbookbot.lint;

import dev.runbookbot.expr.ConditionLanguage;
import dev.runbookbot.runbook.LoadedRunbook;
import dev.runbookbot.runbook.Problem;
import dev.runbookbot.runbook.RunbookSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Checks loaded runbooks for everything the loader cannot see: references between steps, conditions and templates
 * against what they will meet at run time, timeouts and limits, step configs (through each diagnostic type's own
 * validation), action configs (through {@link ActionChecks}), and conflicts between runbooks. Reports all problems at
 * once, together with the loading problems. Knows no concrete executor and no expression library: it is given {@link
 * DiagnosticTypes}, {@link ActionChecks} and a {@link ConditionLanguage}. Thread-safe.
 */
public final class Linter {
    private final List<RunbookRule> rules;
    private final CatalogRule catalogRule = new CatalogRule();
    private final HandOffCatalogRule handOffRule = new HandOffCatalogRule();

    public Linter(DiagnosticTypes types, ConditionLanguage language) {
        this(types, language, ActionChecks.none());
    }

    /** A linter that also checks each automated remediation's action config with {@code actions}. */
    public Linter(DiagnosticTypes types, ConditionLanguage language, ActionChecks actions) {
        this.rules = List.of(
                new IdRule(),
                new ParameterRule(),
                new TriggerRule(),
                new ReferenceRule(),
                new NeedsRule(),
                new LoopRule(language, types),
                new DecisionOrderRule(),
                new ConditionRule(language, types),
                new NamedQueryRule(language, types),
                new InterpretOrderRule(),
                new TemplateRule(types),
                new ArgvRule(),
                new StepConfigRule(types),
                new ActionConfigRule(actions),
                new RemediationRule(),
                new HandOffRule(),
                new RequireRule(language, types),
                new AfterRule(),
                new BoundsRule());
    }

    /**
     * Lints the runbooks as one catalog (ids, aliases and alert triggers must not clash between them). Each runbook's
     * own rules do not depend on the others', so they run in parallel (compiling conditions dominates the time of a
     * lint and of the bot's start); the problems come back in the runbooks' order, as if checked one by one.
     */
    public LintReport lint(List<LoadedRunbook> runbooks) {
        List<List<Problem>> perRunbook = IntStream.range(0, runbooks.size())
                .parallel()
                .mapToObj(i -> check(runbooks.get(i)))
                .toList();
        List<Problem> problems = new ArrayList<>();
        List<CatalogRule.Entry> entries = new ArrayList<>();
        for (int i = 0; i < runbooks.size(); i++) {
            LoadedRunbook loaded = runbooks.get(i);
            problems.addAll(perRunbook.get(i));
            loaded.draft().ifPresent(runbook -> entries.add(new CatalogRule.Entry(loaded, runbook)));
        }
        catalogRule.check(entries, problems);
        handOffRule.check(entries, problems);
        return new LintReport(runbooks, problems);
    }

    /** The loading problems of one runbook, then what its rules find. */
    private List<Problem> check(LoadedRunbook loaded) {
        List<Problem> problems = new ArrayList<>(loaded.problems());
        if (loaded.draft().isPresent()) {
            RunbookSpec runbook = loaded.draft().get();
            Findings findings = new Findings(loaded.sources(), problems);
            for (RunbookRule rule : rules) {
                rule.check(runbook, findings);
            }
        }
        return problems;
    }
}
