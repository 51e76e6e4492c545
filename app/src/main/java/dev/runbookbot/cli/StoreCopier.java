package dev.runbookbot.cli;

import java.nio.file.Path;
import java.util.Map;

/**
 * How {@code runbookctl store copy} moves a record: the whole SQLite file at {@code from} into the empty PostgreSQL
 * database at {@code toUrl}, logging in with the store settings ({@code RUNBOOK_STORE_USER}, {@code
 * RUNBOOK_STORE_PASSWORD_SECRET}). The CLI does not know the store adapter; {@code runtime} wires it.
 *
 * <p>Implementations throw {@link dev.runbookbot.incident.StoreException} when either side cannot be used or the
 * target already holds a record (then nothing is copied); the command prints the message.
 */
@FunctionalInterface
public interface StoreCopier {
    /** Copies everything; returns the rows copied per table, in copy order. */
    Map<String, Integer> copy(Path from, String toUrl);

    /** For a command line built without the store adapters (tests of other commands). */
    StoreCopier UNAVAILABLE = (from, to) -> {
        throw new IllegalStateException("store copy is not available in this command line");
    };
}
