package dev.runbookbot.lint;

import dev.runbookbot.diagnose.InterpretScope;
import dev.runbookbot.diagnose.LoopItems;
import dev.runbookbot.diagnose.StepGraph;
import dev.runbookbot.diagnose.UntilScope;
import dev.runbookbot.expr.Condition;
import dev.runbookbot.expr.ConditionException;
import dev.runbookbot.expr.ConditionLanguage;
import dev.runbookbot.expr.TemplateVariable;
import dev.runbookbot.expr.ValueType;
import dev.runbookbot.runbook.ClosestNames;
import dev.runbookbot.runbook.DiagnosticSpec;
import dev.runbookbot.runbook.LoopSpec;
import dev.runbookbot.runbook.RemediationSpec;
import dev.runbookbot.runbook.RemediationType;
import dev.runbookbot.runbook.RunbookSpec;
import dev.runbookbot.runbook.UntilSpec;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code forEach} and {@code until}. A loop has a bound: a written list of at most {@value LoopSpec#MAX_ITEMS} items,
 * or a list fact with {@code maxItems} (an unbounded source without it is an error, for steps and actions alike); its
 * {@code items} path names a list fact of a step it may read (a diagnostic needs it; a remediation reads any step);
 * {@code concurrency} is 1 to {@value LoopSpec#MAX_CONCURRENCY}; a step type with a fact named {@code item} cannot
 * loop (the item would hide it). {@code until} belongs to an automated remediation, reads at least one diagnostic
 * (the steps it reads are run again for each check), has an interval of at least 1 s and a timeout of at most 1 h.
 */
final class LoopRule implements RunbookRule {
    private static final String ITERATIONS = "iterations";

    private final ConditionLanguage language;
    private final DiagnosticTypes types;

    LoopRule(ConditionLanguage language, DiagnosticTypes types) {
        this.language = language;
        this.types = types;
    }

    @Override
    public void check(RunbookSpec runbook, Findings f) {
        StepGraph graph = StepGraph.of(runbook.diagnostics());
        for (DiagnosticSpec step : runbook.diagnostics()) {
            if (step.forEach().isEmpty()) {
                continue;
            }
            String path = Findings.child(f.pathOf(step), "forEach");
            if (step.type() != null && types.facts(step.type()).orElse(Map.of()).containsKey(InterpretScope.ITEM)) {
                f.error(
                        path,
                        "step '" + step.id() + "' has a fact named 'item', which a forEach's item would hide",
                        "this diagnostic type cannot loop");
            }
            loop(runbook, step.forEach().get(), path, graph.ancestors(step.id()), "step '" + step.id() + "'", f);
        }
        Set<String> all = new LinkedHashSet<>();
        runbook.diagnostics().forEach(d -> all.add(d.id()));
        for (RemediationSpec remediation : runbook.remediations()) {
            String path = f.pathOf(remediation);
            boolean automated = remediation.type() == RemediationType.AUTOMATED;
            for (String key : List.of("forEach", "until")) {
                boolean present = key.equals("forEach")
                        ? remediation.forEach().isPresent()
                        : remediation.until().isPresent();
                if (present && !automated && remediation.type() != null) {
                    f.error(
                            Findings.child(path, key),
                            "'" + key + "' belongs to an automated remediation, but " + path + " has type "
                                    + remediation.type().name().toLowerCase(java.util.Locale.ROOT),
                            "loop or wait around an action: type: automated with an action");
                }
            }
            remediation
                    .forEach()
                    .ifPresent(loop -> loop(
                            runbook,
                            loop,
                            Findings.child(path, "forEach"),
                            all,
                            "remediation '" + remediation.id() + "'",
                            f));
            remediation
                    .until()
                    .ifPresent(until ->
                            until(until, remediation.forEach().isPresent(), Findings.child(path, "until"), all, f));
        }
    }

    private void loop(RunbookSpec runbook, LoopSpec loop, String path, Set<String> readable, String owner, Findings f) {
        String itemsPath = Findings.child(path, "items");
        if (loop.itemsFrom().isEmpty()) {
            if (loop.items().isEmpty()) {
                f.error(itemsPath, owner + " has a forEach without items", "list the items, or name a list fact");
            } else if (loop.items().size() > LoopSpec.MAX_ITEMS) {
                f.error(
                        itemsPath,
                        "forEach lists " + loop.items().size() + " items, more than " + LoopSpec.MAX_ITEMS,
                        "split the work, or read the items from a fact with maxItems");
            }
        } else {
            source(runbook, loop.itemsFrom().get(), itemsPath, readable, owner, f);
            if (loop.maxItems().isEmpty()) {
                f.error(
                        path,
                        "a forEach over " + loop.itemsFrom().get() + " has no bound: the list can be of any length",
                        "add maxItems (at most " + LoopSpec.MAX_ITEMS + "): the most items " + owner + " goes through");
            }
        }
        loop.maxItems().ifPresent(max -> {
            if (max < 1 || max > LoopSpec.MAX_ITEMS) {
                f.error(
                        Findings.child(path, "maxItems"),
                        "maxItems must be 1 to " + LoopSpec.MAX_ITEMS + ", found " + max);
            }
        });
        if (loop.concurrency() < 1 || loop.concurrency() > LoopSpec.MAX_CONCURRENCY) {
            f.error(
                    Findings.child(path, "concurrency"),
                    "concurrency must be 1 to " + LoopSpec.MAX_CONCURRENCY + ", found " + loop.concurrency());
        }
    }

    /** The {@code items} path: a fact of a step {@code readable} holds, which is (or may be) a list. */
    private void source(
            RunbookSpec runbook, String items, String path, Set<String> readable, String owner, Findings f) {
        Optional<TemplateVariable> variable = LoopItems.variable(items);
        if (variable.isEmpty()) {
            f.error(
                    path,
                    "forEach items '" + items + "' is neither a list nor the path of a fact",
                    "write a list ([a, b]) or diagnostics.<step>.<fact>, such as diagnostics.crashing.samples");
            return;
        }
        String stepId = variable.get().name();
        Optional<DiagnosticSpec> step = runbook.diagnostic(stepId);
        Set<String> defined = new LinkedHashSet<>();
        runbook.diagnostics().forEach(d -> defined.add(d.id()));
        if (step.isEmpty()) {
            f.error(
                    path,
                    "forEach items reads step '" + stepId + "', which this runbook does not define",
                    ClosestNames.best(stepId, defined)
                            .map(s -> "did you mean '" + s + "'?")
                            .orElse("this runbook defines: " + String.join(", ", defined)));
            return;
        }
        if (!readable.contains(stepId)) {
            f.error(
                    path,
                    owner + " reads its items from '" + stepId + "', which it does not need",
                    "add it to the step's needs (needs: [" + stepId + "]) so it has finished first");
            return;
        }
        Map<String, ValueType> facts = new LinkedHashMap<>();
        if (step.get().forEach().isPresent()) {
            facts.put(ITERATIONS, ValueType.MAP_LIST);
        } else if (step.get().type() != null) {
            facts.putAll(types.facts(step.get().type()).orElse(Map.of()));
        }
        String fact = variable.get().fact().orElseThrow();
        ValueType type = facts.get(fact);
        if (type == null) {
            if (!facts.isEmpty()) {
                f.error(
                        path,
                        "forEach items reads " + items + ", but step '" + stepId + "' has no fact '" + fact + "'",
                        ClosestNames.best(fact, facts.keySet())
                                .map(s -> "did you mean '" + s + "'?")
                                .orElse("its facts: " + String.join(", ", facts.keySet())));
            }
            return;
        }
        boolean list = type == ValueType.STRING_LIST || type == ValueType.MAP_LIST || type == ValueType.DYN;
        if (variable.get().path().size() == 1 && !list) {
            f.error(
                    path,
                    "forEach items " + items + " is " + type.name().toLowerCase(java.util.Locale.ROOT) + ", not a list",
                    "loop over a list fact, such as samples, rows, lines or iterations");
        }
    }

    private void until(UntilSpec until, boolean looped, String path, Set<String> defined, Findings f) {
        String conditionPath = Findings.child(path, "condition");
        if (!until.condition().isBlank()) {
            try {
                Condition condition = language.compile(until.condition(), UntilScope.scope(looped));
                Set<String> read = condition.selectedFields(InterpretScope.DIAGNOSTICS);
                if (read.isEmpty()) {
                    f.error(
                            conditionPath,
                            "until reads no diagnostic, so checking it again can never change its answer",
                            "read the step that shows the effect, such as diagnostics.pods_ready.status == 'healthy'");
                }
                for (String name : read) {
                    if (!defined.contains(name)) {
                        int offset = condition.source().indexOf(InterpretScope.DIAGNOSTICS + "." + name);
                        f.errorAt(
                                conditionPath,
                                offset < 0 ? -1 : offset + InterpretScope.DIAGNOSTICS.length() + 1,
                                "until reads diagnostic '" + name + "', which this runbook does not define",
                                ClosestNames.best(name, defined)
                                        .map(s -> "did you mean '" + s + "'?")
                                        .orElse("this runbook defines: " + String.join(", ", defined)));
                    }
                }
            } catch (ConditionException e) {
                f.errorAt(conditionPath, e.offset(), "invalid condition: " + e.getMessage(), e.hint());
            }
        }
        if (!until.interval().isZero() && until.interval().compareTo(UntilSpec.MIN_INTERVAL) < 0) {
            f.error(
                    Findings.child(path, "interval"),
                    "until's interval must be at least 1s, found " + human(until.interval()));
        }
        if (until.timeout().compareTo(UntilSpec.MAX_TIMEOUT) > 0) {
            f.error(
                    Findings.child(path, "timeout"),
                    "until's timeout must be at most 1h, found " + human(until.timeout()));
        }
        if (!until.interval().isZero()
                && !until.timeout().isZero()
                && until.interval().compareTo(until.timeout()) > 0) {
            f.error(
                    Findings.child(path, "interval"),
                    "until's interval (" + human(until.interval()) + ") is longer than its timeout ("
                            + human(until.timeout()) + "): the condition would be checked once at most",
                    "make the interval shorter than the timeout");
        }
    }

    private static String human(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
