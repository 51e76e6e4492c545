package dev.runbookbot.runtime;

import dev.runbookbot.config.EnvironmentSecrets;
import dev.runbookbot.config.Settings;
import dev.runbookbot.incident.StoreException;
import dev.runbookbot.secrets.Secret;
import dev.runbookbot.store.DatabaseMarker;
import dev.runbookbot.store.PostgresDatabase;
import dev.runbookbot.store.PostgresStoreSettings;
import dev.runbookbot.store.SqliteDatabase;
import dev.runbookbot.store.StoreDatabase;
import dev.runbookbot.store.StoreOptions;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * Opens the store the settings name: the shared PostgreSQL database when {@code store.url} is a PostgreSQL URL (no
 * SQLite file is created then), otherwise the SQLite file guarded by its {@link DatabaseMarker}.
 *
 * <p>The PostgreSQL password cannot come from the encrypted secret store, which lives in that database; the secret
 * named by {@code store.passwordSecret} is therefore read from the environment the way every environment secret is
 * ({@code RUNBOOK_SECRET_<NAME>}, see {@link EnvironmentSecrets}), which is how an orchestrator hands it over (a
 * Kubernetes Secret as an environment variable).
 */
final class StoreAssembly {
    private StoreAssembly() {}

    static StoreDatabase open(Settings settings, Map<String, String> environment, Clock clock, boolean initDatabase) {
        Optional<PostgresStoreSettings> postgres = settings.postgresStore();
        if (postgres.isPresent()) {
            return PostgresDatabase.open(postgres.get(), password(postgres.get(), environment), clock);
        }
        DatabaseMarker.checkBeforeOpen(settings.databasePath(), initDatabase);
        SqliteDatabase database = SqliteDatabase.open(StoreOptions.at(settings.databasePath()), clock);
        DatabaseMarker.record(settings.databasePath(), clock.instant());
        return database;
    }

    /** The store's password from the environment secret it names; none when no secret is named. */
    static Optional<Secret> password(PostgresStoreSettings settings, Map<String, String> environment) {
        if (settings.passwordSecret().isEmpty()) {
            return Optional.empty();
        }
        String name = settings.passwordSecret().get();
        return Optional.of(new EnvironmentSecrets(environment)
                .resolve(name)
                .orElseThrow(() -> new StoreException("the store's password secret '" + name + "' (store.passwordSecret"
                        + " / RUNBOOK_STORE_PASSWORD_SECRET) is not set: give it to the process as the environment"
                        + " variable " + EnvironmentSecrets.variableFor(name))));
    }
}
