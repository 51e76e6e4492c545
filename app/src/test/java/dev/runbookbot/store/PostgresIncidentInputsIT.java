package dev.runbookbot.store;

import dev.runbookbot.testing.PostgresDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The incident inputs contract on a real PostgreSQL server (a fresh database per test). */
class PostgresIncidentInputsIT extends StoreDatabaseInputsContract<PostgresDatabase> {
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

    @Override
    protected PostgresDatabase open() {
        return PostgresDatabase.open(postgres.fresh(), postgres.password(), clock);
    }
}
