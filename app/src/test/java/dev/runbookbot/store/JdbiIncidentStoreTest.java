package dev.runbookbot.store;

import dev.runbookbot.incident.IncidentStore;
import dev.runbookbot.incident.IncidentStoreContract;
import dev.runbookbot.testing.ManualClock;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on a real SQLite file, so WAL, locking and the write discipline are the real ones. */
class JdbiIncidentStoreTest extends IncidentStoreContract {
    @TempDir
    Path directory;

    private SqliteDatabase database;

    @Override
    protected IncidentStore newStore(ManualClock clock) {
        database = SqliteDatabase.open(StoreOptions.at(directory.resolve("runbook-bot.db")), clock);
        return new JdbiIncidentStore(database, clock);
    }

    @Override
    protected void closeStore() {
        database.close();
    }
}
