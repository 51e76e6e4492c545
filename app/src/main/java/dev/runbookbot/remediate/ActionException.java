package dev.runbookbot.remediate;

/** An action whose configuration or template values cannot be rendered into something safe to run. */
public final class ActionException extends Exception {
    private static final long serialVersionUID = 1L;

    public ActionException(String message) {
        super(message);
    }

    public ActionException(String message, Throwable cause) {
        super(message, cause);
    }
}
