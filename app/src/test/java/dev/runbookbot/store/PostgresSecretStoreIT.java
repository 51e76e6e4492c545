package dev.runbookbot.store;

import dev.runbookbot.secrets.MasterKeys;
import dev.runbookbot.secrets.SecretBox;
import dev.runbookbot.secrets.SecretStore;
import dev.runbookbot.secrets.SecretStoreContract;
import dev.runbookbot.testing.PostgresDatabases;
import java.security.SecureRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/** The encrypted secret store contract on a real PostgreSQL server (a fresh database per test). */
class PostgresSecretStoreIT extends SecretStoreContract {
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

    private PostgresDatabase database() {
        if (database == null) {
            database = PostgresDatabase.open(postgres.fresh(), postgres.password(), clock);
        }
        return database;
    }

    @Override
    protected SecretStore storeWith(MasterKeys keys) {
        return new JdbiSecretStore(database(), new SecretBox(keys, new SecureRandom()), clock);
    }

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
    }
}
