package dev.runbookbot.incident;

/**
 * The store cannot do what was asked: the database file is missing or not ours, its schema is newer than this build,
 * the disk failed, or a statement failed. The message is safe to show to a person and to log: it names the file, what
 * to do or the failing statement, and never contains stored or bound values.
 */
public class StoreException extends RuntimeException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
