package dev.runbookbot.expr;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** A compiled, type-checked boolean condition. Immutable and thread-safe; evaluation has no side effects. */
public interface Condition {
    /** The source as the runbook wrote it. */
    String source();

    /** The source in the canonical syntax (differs from {@link #source()} when a seed-style rewrite was applied). */
    String canonical();

    /**
     * Notes for lint, such as {@code '===' is JavaScript; this condition was read as: x == 'critical'}. Empty for
     * canonical conditions.
     */
    List<String> notes();

    /** The field names selected on {@code variable}, e.g. the diagnostic ids in {@code diagnostics.<id>.status}. */
    Set<String> selectedFields(String variable);

    /**
     * The scope variables this condition reads, e.g. {@code value} in {@code value >= 90}; used to show the facts that
     * decided a result. The default (empty) suits a condition that cannot tell.
     */
    default Set<String> variables() {
        return Set.of();
    }

    /**
     * Evaluates with the given variables (which must match the scope it was compiled for). A missing variable, a value
     * of the wrong type or a runtime error (division by zero, a missing map key) is a {@link ConditionException}; this
     * method throws nothing else.
     */
    boolean evaluate(Map<String, Object> variables) throws ConditionException;
}
