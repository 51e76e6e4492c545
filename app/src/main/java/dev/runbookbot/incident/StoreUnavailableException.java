package dev.runbookbot.incident;

/**
 * The store cannot write now because of the storage under it: the disk is full, a write or read of the file failed,
 * or the file became read-only. Nothing was changed, and the same request can succeed once the storage is fixed, so a
 * webhook answers 503 with {@code Retry-After} (the sender retries), a person in chat is told "storage unavailable",
 * and {@code /readyz} reports the store not writable until a write succeeds again.
 */
public final class StoreUnavailableException extends StoreException {
    public StoreUnavailableException(String message) {
        super(message);
    }
}
