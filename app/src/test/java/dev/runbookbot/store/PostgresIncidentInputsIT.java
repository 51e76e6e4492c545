package dev.runbookbot.store;

import dev.runbookbot.audit.IncidentId;
import dev.runbookbot.incident.IncidentInputs;
import dev.runbookbot.incident.IncidentInputsContract;
import dev.runbookbot.testing.ManualClock;
import dev.runbookbot.testing.NewIncidents;
import dev.runbookbot.testing.PostgresDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/** The incident inputs contract on a real PostgreSQL server (a fresh database per test). */
class PostgresIncidentInputsIT extends IncidentInputsContract {
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

    private final ManualClock clock = ManualClock.at("2024-05-01T10:00:00Z");
    private PostgresDatabase database;
    private int fingerprints;

    private PostgresDatabase database() {
        if (database == null) {
            database = PostgresDatabase.open(postgres.fresh(), postgres.password(), clock);
        }
        return database;
    }

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
    }

    @Override
    protected IncidentInputs inputs() {
        return new JdbiIncidentInputs(database());
    }

    @Override
    protected IncidentId anIncident() {
        return new JdbiIncidentStore(database(), clock)
                .open(NewIncidents.alert("fp-" + ++fingerprints))
                .value()
                .id();
    }
}
