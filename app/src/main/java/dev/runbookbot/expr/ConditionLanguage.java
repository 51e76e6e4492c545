package dev.runbookbot.expr;

/** Compiles condition source text against a scope. Implementations are thread-safe. */
public interface ConditionLanguage {
    /**
     * Parses and type-checks {@code source}. A failure names what is wrong, where (offset) and, when it can, the exact
     * rewrite as the hint.
     */
    Condition compile(String source, ConditionScope scope) throws ConditionException;
}
