package dev.runbookbot.store;

import dev.runbookbot.incident.IncidentStore;
import dev.runbookbot.incident.IncidentStoreContract;
import dev.runbookbot.testing.ManualClock;
import dev.runbookbot.testing.PostgresDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The incident store contract on a real PostgreSQL server: a fresh database per test on the JVM's shared server. */
class PostgresIncidentStoreIT extends IncidentStoreContract {
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

    private PostgresDatabase database;

    @Override
    protected IncidentStore newStore(ManualClock clock) {
        database = PostgresDatabase.open(postgres.fresh(), postgres.password(), clock);
        return new JdbiIncidentStore(database, clock);
    }

    @Override
    protected void closeStore() {
        database.close();
    }
}
