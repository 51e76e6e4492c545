package dev.runbookbot.store;

import dev.runbookbot.audit.IncidentId;
import dev.runbookbot.incident.IncidentInputs;
import dev.runbookbot.incident.IncidentInputsContract;
import dev.runbookbot.testing.ManualClock;
import dev.runbookbot.testing.NewIncidents;
import org.junit.jupiter.api.AfterEach;

/**
 * The inputs contract on a real database ({@link JdbiIncidentInputs} over a {@link StoreDatabase}): the test opens the
 * database, once per test on first use; it is closed after the test, and incidents are opened in it through the
 * store.
 */
abstract class StoreDatabaseInputsContract<D extends StoreDatabase> extends IncidentInputsContract {
    protected final ManualClock clock = ManualClock.at("2024-05-01T10:00:00Z");
    private D database;
    private int fingerprints;

    /** A new connection to the test's database. */
    protected abstract D open();

    protected final D database() {
        if (database == null) {
            database = open();
        }
        return database;
    }

    /** Closes the database, as a stopping bot does; the next use opens it again. */
    protected final void restart() {
        database.close();
        database = null;
    }

    @AfterEach
    void closeDatabase() {
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
