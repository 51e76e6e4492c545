package dev.runbookbot.slack;

import dev.runbookbot.incident.StoreBusyException;
import dev.runbookbot.incident.StoreUnavailableException;
import java.util.Optional;

/**
 * What a person in Slack is told when a command or a click could not be carried out because the store could not write
 * (a full or failing disk, or a store too busy to start a write): nothing changed, and the same request works once the
 * storage is back, so they are told to retry rather than that the bot hit an internal error. Other store failures are
 * bugs or a damaged database, answered as internal errors by the caller.
 */
public final class StorageTrouble {
    public static final String TEXT = ":warning: Storage unavailable, retry in a minute: runbook-bot cannot write its"
            + " database right now (the disk may be full), so nothing was changed. The webhooks are answered \"retry"
            + " later\" meanwhile, and `/readyz` reports the store not writable until it is fixed.";

    private StorageTrouble() {}

    /** The answer for {@code failure} if it is a storage fault or a busy store; empty for other failures. */
    public static Optional<String> answer(RuntimeException failure) {
        return failure instanceof StoreUnavailableException || failure instanceof StoreBusyException
                ? Optional.of(TEXT)
                : Optional.empty();
    }
}
