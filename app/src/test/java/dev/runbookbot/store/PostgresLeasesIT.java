package dev.runbookbot.store;

import dev.runbookbot.replica.Leases;
import dev.runbookbot.replica.LeasesContract;
import dev.runbookbot.testing.PostgresDatabases;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * The leases contract on a real PostgreSQL server: one fresh database per test, opened twice (two connection pools),
 * as two replicas on two machines open it. Expiry is the server's clock ({@code clock_timestamp()}).
 */
class PostgresLeasesIT extends LeasesContract {
    private static PostgresDatabases postgres;

    @BeforeAll
    static void startServer() throws Exception {
        postgres = PostgresDatabases.start();
    }

    @AfterAll
    static void stopServer() {
        if (postgres != null) {
            postgres.close();
        }
    }

    private PostgresDatabase one;
    private PostgresDatabase two;

    @Override
    protected Leases first() {
        if (one == null) {
            PostgresStoreSettings settings = postgres.fresh();
            one = PostgresDatabase.open(settings, postgres.password(), Clock.systemUTC());
            two = PostgresDatabase.open(settings, postgres.password(), Clock.systemUTC());
        }
        return new JdbiLeases(one);
    }

    @Override
    protected Leases second() {
        first();
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
