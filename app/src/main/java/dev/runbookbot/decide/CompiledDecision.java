package dev.runbookbot.decide;

import dev.runbookbot.expr.Condition;
import dev.runbookbot.expr.ConditionException;
import dev.runbookbot.expr.ConditionLanguage;
import dev.runbookbot.runbook.DecisionSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A branch of the decision tree with its condition compiled against {@link DecisionScope#scope()}. An {@code else}
 * branch has the condition {@code true}: the engine takes it only when no branch before it held.
 */
public record CompiledDecision(int index, DecisionSpec spec, Condition condition) {
    public CompiledDecision {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(condition, "condition");
    }

    /** Compiles one branch; {@code index} is its 0-based position in the tree. */
    public static CompiledDecision compile(int index, DecisionSpec spec, ConditionLanguage language)
            throws ConditionException {
        String condition = spec.fallback() ? "true" : spec.condition();
        return new CompiledDecision(index, spec, language.compile(condition, DecisionScope.scope()));
    }

    /**
     * Compiles the whole tree in order. A failure's message starts with the branch ({@code decisionTree[2]: ...});
     * offset and hint are those of its condition.
     */
    public static List<CompiledDecision> compileAll(List<DecisionSpec> tree, ConditionLanguage language)
            throws ConditionException {
        List<CompiledDecision> compiled = new ArrayList<>(tree.size());
        for (int i = 0; i < tree.size(); i++) {
            try {
                compiled.add(compile(i, tree.get(i), language));
            } catch (ConditionException e) {
                throw new ConditionException("decisionTree[" + i + "]: " + e.getMessage(), e.offset(), e.hint());
            }
        }
        return List.copyOf(compiled);
    }

    /** How a person refers to this branch: its description, or its number and condition. */
    public String label() {
        String description = spec.description();
        if (description != null && !description.isBlank()) {
            return description;
        }
        return "decision " + (index + 1) + (spec.fallback() ? " (else)" : " (" + spec.condition() + ")");
    }
}
