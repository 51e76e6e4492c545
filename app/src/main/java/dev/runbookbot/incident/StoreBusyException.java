package dev.runbookbot.incident;

/**
 * The store could not start a write (or find a free read connection) within its busy timeout: another writer holds the
 * database. Nothing was changed, and a retry can succeed, so a webhook answers 503 and lets the sender retry.
 */
public final class StoreBusyException extends StoreException {
    public StoreBusyException(String message) {
        super(message);
    }

    public StoreBusyException(String message, Throwable cause) {
        super(message, cause);
    }
}
