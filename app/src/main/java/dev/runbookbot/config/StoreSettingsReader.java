package dev.runbookbot.config;

import dev.runbookbot.store.PostgresStoreSettings;
import dev.runbookbot.store.StoreOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Where the bot keeps its record. {@code store.url} / {@code RUNBOOK_STORE_URL}: a {@code jdbc:postgresql://host:port/db}
 * URL selects the shared PostgreSQL store (with {@code store.user} / {@code RUNBOOK_STORE_USER}, {@code
 * store.passwordSecret} / {@code RUNBOOK_STORE_PASSWORD_SECRET}, {@code store.poolSize} / {@code
 * RUNBOOK_STORE_POOL_SIZE}); a {@code jdbc:sqlite:PATH} URL, or no URL, keeps the SQLite file ({@code store.path} /
 * {@code RUNBOOK_DB}, default {@code runbook-bot.db}).
 */
public final class StoreSettingsReader {
    static final String URL_KEY = "store.url";
    static final String URL_ENV = "RUNBOOK_STORE_URL";
    private static final String SQLITE_SCHEME = "jdbc:sqlite:";

    private StoreSettingsReader() {}

    /** The SQLite file: from a {@code jdbc:sqlite:} store URL, else {@code store.path} / {@code RUNBOOK_DB}. */
    static Path sqliteFile(SettingsSource s) {
        Optional<String> url = s.string(URL_KEY, URL_ENV);
        if (url.isPresent() && url.get().startsWith(SQLITE_SCHEME)) {
            String file = url.get().substring(SQLITE_SCHEME.length());
            if (file.isBlank() || file.startsWith(":memory:")) {
                throw new SettingsException(
                        s.where(URL_KEY, URL_ENV) + " must name a database file after jdbc:sqlite:");
            }
            return Path.of(file);
        }
        return s.path("store.path", "RUNBOOK_DB").orElse(StoreOptions.DEFAULT_FILE);
    }

    /** The PostgreSQL store, when {@code store.url} names one. */
    static Optional<PostgresStoreSettings> postgres(SettingsSource s) {
        Optional<String> url = s.string(URL_KEY, URL_ENV);
        if (url.isEmpty() || url.get().startsWith(SQLITE_SCHEME)) {
            return Optional.empty();
        }
        if (!url.get().startsWith(PostgresStoreSettings.SCHEME)) {
            throw new SettingsException(s.where(URL_KEY, URL_ENV)
                    + " must be jdbc:postgresql://host:port/database (the shared store) or jdbc:sqlite:PATH (a file)");
        }
        return Optional.of(postgresAt(s, url.get()));
    }

    /**
     * The PostgreSQL store at {@code url} with the login and pool of the settings ({@code runbookctl store copy
     * --to URL}).
     */
    public static PostgresStoreSettings postgresAt(SettingsSource s, String url) {
        int poolSize = s.integer("store.poolSize", "RUNBOOK_STORE_POOL_SIZE", PostgresStoreSettings.DEFAULT_POOL_SIZE);
        Duration busyTimeout =
                s.duration("store.busyTimeout", "RUNBOOK_STORE_BUSY_TIMEOUT", StoreOptions.DEFAULT_BUSY_TIMEOUT);
        if (poolSize < 1 || poolSize > 100) {
            throw new SettingsException(s.where("store.poolSize", "RUNBOOK_STORE_POOL_SIZE")
                    + " must be between 1 and 100, got " + poolSize);
        }
        if (busyTimeout.toMillis() < 250) {
            throw new SettingsException(s.where("store.busyTimeout", "RUNBOOK_STORE_BUSY_TIMEOUT")
                    + " must be at least 250ms, got " + busyTimeout.toMillis() + "ms");
        }
        try {
            return new PostgresStoreSettings(
                    url,
                    s.string("store.user", "RUNBOOK_STORE_USER"),
                    s.string("store.passwordSecret", "RUNBOOK_STORE_PASSWORD_SECRET"),
                    poolSize,
                    busyTimeout);
        } catch (IllegalArgumentException e) {
            throw new SettingsException(s.where(URL_KEY, URL_ENV) + ": " + e.getMessage(), e);
        }
    }
}
