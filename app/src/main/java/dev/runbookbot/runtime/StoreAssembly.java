package dev.runbookbot.runtime;

import dev.runbookbot.config.EnvironmentSecrets;
import dev.runbookbot.config.Settings;
import dev.runbookbot.incident.StoreException;
import dev.runbookbot.secrets.Secret;
import dev.runbookbot.store.DatabaseMarker;
import dev.runbookbot.store.PostgresDatabase;
import dev.runbookbot.store.PostgresStoreSettings;
import dev.runbookbot.store.SqliteDatabase;
import dev.runbookbot.store.SqliteNativeLibrary;
import dev.runbookbot.store.StoreDatabase;
import dev.runbookbot.store.StoreOptions;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
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
        nativeLibraryDirectory().ifPresent(SqliteNativeLibrary::useCopyIn);
        SqliteDatabase database = SqliteDatabase.open(StoreOptions.at(settings.databasePath()), clock);
        DatabaseMarker.record(settings.databasePath(), clock.instant());
        return database;
    }

    /**
     * Where sqlite-jdbc's native library is kept ({@link SqliteNativeLibrary}): {@code runbook-bot.native} beside the
     * jar the bot runs from, as its class-data archive is; empty when it runs from class directories (tests, an IDE),
     * where sqlite-jdbc extracts its library as it always does.
     */
    static Optional<Path> nativeLibraryDirectory() {
        try {
            CodeSource source = StoreAssembly.class.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                return Optional.empty();
            }
            Path jar = Path.of(source.getLocation().toURI());
            String name = jar.getFileName().toString();
            if (!name.endsWith(".jar") || !Files.isRegularFile(jar)) {
                return Optional.empty();
            }
            return Optional.of(jar.resolveSibling(name.substring(0, name.length() - ".jar".length()) + ".native"));
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
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
