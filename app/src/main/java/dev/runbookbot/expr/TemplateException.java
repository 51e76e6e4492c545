package dev.runbookbot.expr;

/**
 * A template that cannot be parsed or rendered safely. {@link #offset()} is the 0-based character offset in the
 * template source where the problem starts, or -1.
 */
public final class TemplateException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int offset;

    public TemplateException(String message, int offset) {
        super(message);
        this.offset = offset;
    }

    public int offset() {
        return offset;
    }
}
