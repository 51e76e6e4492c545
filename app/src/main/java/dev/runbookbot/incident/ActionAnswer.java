package dev.runbookbot.incident;

/**
 * The answer to a click or command on an existing incident or run: {@code accepted} or not, and a message for the
 * person who acted (shown only to them when refused).
 */
public record ActionAnswer(boolean accepted, String message) {
    public static ActionAnswer accepted(String message) {
        return new ActionAnswer(true, message);
    }

    public static ActionAnswer refused(String message) {
        return new ActionAnswer(false, message);
    }
}
