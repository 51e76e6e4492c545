package dev.runbookbot.store;

import dev.runbookbot.incident.StoreException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The file beside the bot's database ({@code <database>.created}) that says the bot has run with it. SQLite creates a
 * missing database file without a word, so a database deleted, or a volume not mounted, would make the bot start with
 * an empty record: no open incidents, no pending approvals, no audit trail. {@link #checkBeforeOpen} refuses that
 * start while the marker says the database existed, unless the person asked for a new one ({@code runbookctl bot
 * --init}); a first start, with neither file, creates both. Only the bot's start uses it; the CLI never creates a
 * database.
 */
public final class DatabaseMarker {
    static final String SUFFIX = ".created";

    private DatabaseMarker() {}

    /** The marker of the database at {@code database}. */
    public static Path of(Path database) {
        Path absolute = database.toAbsolutePath();
        return absolute.resolveSibling(absolute.getFileName() + SUFFIX);
    }

    /**
     * Refuses to go on when the database file is missing but its marker exists, unless {@code initDatabase}.
     *
     * @throws StoreException with what to do
     */
    public static void checkBeforeOpen(Path database, boolean initDatabase) {
        Path file = database.toAbsolutePath();
        Path marker = of(file);
        if (!initDatabase && !Files.exists(file) && Files.exists(marker)) {
            throw new StoreException("database " + file + " is missing, but runbook-bot has run with it before ("
                    + marker + " exists): restore it from a backup (or mount its volume), or start with --init"
                    + " (runbookctl bot --init) to begin with an empty database");
        }
    }

    /** Writes the marker after the database was opened, if it is not there yet. */
    public static void record(Path database, Instant at) {
        Path file = database.toAbsolutePath();
        Path marker = of(file);
        if (Files.exists(marker)) {
            return;
        }
        String text = "runbook-bot first ran with " + file + " at " + at + ".\n"
                + "While this file exists, runbook-bot refuses to start when that database is missing (restore it),"
                + " unless started with --init.\n";
        try {
            Files.writeString(marker, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StoreException("cannot write " + marker + " beside the database: " + e.getMessage(), e);
        }
    }
}
