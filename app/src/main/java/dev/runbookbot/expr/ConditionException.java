package dev.runbookbot.expr;

/**
 * A condition that does not compile, does not type-check, or fails at evaluation. {@link #offset()} is the 0-based
 * offset in the condition source, or -1; {@link #hint()} is a suggested rewrite or fix, or empty.
 */
public final class ConditionException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int offset;
    private final String hint;

    public ConditionException(String message, int offset, String hint) {
        super(message);
        this.offset = offset;
        this.hint = hint == null ? "" : hint;
    }

    public int offset() {
        return offset;
    }

    public String hint() {
        return hint;
    }
}
