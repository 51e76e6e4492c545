package dev.runbookbot.store;

import dev.runbookbot.replica.Leases;
import dev.runbookbot.replica.LeasesContract;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The leases contract on one SQLite file opened twice, as two bot processes on one host would open it. */
class JdbiLeasesTest extends LeasesContract {
    @TempDir
    Path directory;

    private SqliteDatabase one;
    private SqliteDatabase two;

    @Override
    protected Leases first() {
        if (one == null) {
            one = SqliteDatabase.open(StoreOptions.at(directory.resolve("bot.db")), Clock.systemUTC());
        }
        return new JdbiLeases(one);
    }

    @Override
    protected Leases second() {
        first();
        if (two == null) {
            two = SqliteDatabase.open(StoreOptions.at(directory.resolve("bot.db")), Clock.systemUTC());
        }
        return new JdbiLeases(two);
    }

    @AfterEach
    void close() {
        if (two != null) {
            two.close();
        }
        if (one != null) {
            one.close();
        }
    }
}
