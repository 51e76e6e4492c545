package dev.runbookbot.incident;

/**
 * The store cannot do what was asked, for a reason outside the bot's code: the database file is missing or not ours,
 * its schema is newer than this build, the disk failed. The message is safe to show to a person and names what to do;
 * it never contains stored values.
 */
public class StoreException extends RuntimeException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
