package dev.runbookbot.runtime;

/**
 * The bot refuses to start with what it was given (runbooks with lint errors, no runbooks at all). The message lists
 * every problem, one per line, for the person at the terminal.
 */
public final class BotStartupException extends RuntimeException {
    public BotStartupException(String message) {
        super(message);
    }
}
