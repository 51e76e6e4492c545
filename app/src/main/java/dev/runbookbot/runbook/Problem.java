package dev.runbookbot.runbook;

import java.util.Comparator;
import java.util.Locale;

/**
 * One thing wrong (or worth a second look) in a runbook, where it is, and how to fix it. {@link #format()} gives the
 * compiler-style line {@code file:line:col: error: message (hint)} that editors and CI logs understand.
 */
public record Problem(SourceLocation location, Severity severity, String message, String hint) {
    /** How bad a problem is: an error makes the runbook unusable, a warning does not. */
    public enum Severity {
        ERROR,
        WARNING;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Orders problems by file, line and column, errors before warnings at the same place. */
    public static final Comparator<Problem> BY_POSITION = Comparator.comparing(
                    (Problem p) -> String.valueOf(p.location().file()))
            .thenComparingInt(p -> p.location().line())
            .thenComparingInt(p -> p.location().column())
            .thenComparing(Problem::severity);

    public Problem {
        hint = hint == null ? "" : hint;
    }

    public static Problem error(SourceLocation location, String message, String hint) {
        return new Problem(location, Severity.ERROR, message, hint);
    }

    public static Problem error(SourceLocation location, String message) {
        return new Problem(location, Severity.ERROR, message, "");
    }

    public static Problem warning(SourceLocation location, String message, String hint) {
        return new Problem(location, Severity.WARNING, message, hint);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code file:line:col: error: message (hint)}; the hint in parentheses only when there is one. */
    public String format() {
        String text = location + ": " + severity.label() + ": " + message;
        return hint.isEmpty() ? text : text + " (" + hint + ")";
    }

    @Override
    public String toString() {
        return format();
    }
}
