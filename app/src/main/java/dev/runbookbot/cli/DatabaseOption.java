package dev.runbookbot.cli;

import java.nio.file.Path;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/**
 * The {@code --db FILE} option of the commands that read the bot's database. Its default is not read here: the caller
 * passes it in (from {@code RUNBOOK_DB} or {@code ./runbook-bot.db}, resolved by {@code config}), because only {@code
 * config} and {@code runtime} read the environment.
 */
final class DatabaseOption {
    @Option(
            names = "--db",
            paramLabel = "FILE",
            description =
                    "The bot's SQLite database (default: the PostgreSQL store of $RUNBOOK_STORE_URL when set, else"
                            + " $RUNBOOK_DB, else ./runbook-bot.db).")
    private Path database;

    Path resolve(Supplier<Path> defaultDatabase) {
        return database != null ? database : defaultDatabase.get();
    }
}
