package dev.runbookbot.runtime;

import dev.runbookbot.cli.PromotionsAccess;
import dev.runbookbot.cli.SecretStoreAccess;
import dev.runbookbot.cli.StoreCopier;
import dev.runbookbot.cli.StoreReader;
import dev.runbookbot.config.Settings;
import dev.runbookbot.config.SettingsSource;
import dev.runbookbot.config.StoreSettingsReader;
import dev.runbookbot.incident.IncidentQueries;
import dev.runbookbot.remediate.Promotions;
import dev.runbookbot.secrets.MasterKeys;
import dev.runbookbot.secrets.SecretBox;
import dev.runbookbot.secrets.SecretStore;
import dev.runbookbot.store.JdbiIncidentQueries;
import dev.runbookbot.store.JdbiPromotions;
import dev.runbookbot.store.JdbiSecretStore;
import dev.runbookbot.store.PostgresDatabase;
import dev.runbookbot.store.PostgresStoreSettings;
import dev.runbookbot.store.SqliteDatabase;
import dev.runbookbot.store.StoreCopy;
import dev.runbookbot.store.StoreOptions;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The store behind {@code runbookctl incidents}, {@code timeline}, {@code report}, {@code secret}, {@code promote} and
 * {@code promotions}: the PostgreSQL database when the settings name one ({@code store.url} / {@code
 * RUNBOOK_STORE_URL}) and no {@code --db FILE} asks for another file, else the SQLite file. Like the CLI's SQLite
 * access, PostgreSQL is opened without migrating (its schema must be this build's), except by {@code secret set},
 * which may create the schema so secrets can be stored before the first bot starts; and {@code store copy}.
 */
final class CommandLineStores {
    private final Supplier<Settings> settings;
    private final Map<String, String> env;

    CommandLineStores(Supplier<Settings> settings, Map<String, String> env) {
        this.settings = settings;
        this.env = Map.copyOf(env);
    }

    /** The PostgreSQL store when it is configured and {@code database} is the default database (no {@code --db}). */
    private Optional<PostgresStoreSettings> postgresFor(Path database) {
        Settings current = settings.get();
        return current.postgresStore().filter(pg -> database.equals(current.databasePath()));
    }

    StoreReader reader() {
        return new StoreReader() {
            @Override
            public <T> T read(Path database, Function<? super IncidentQueries, ? extends T> query) {
                Optional<PostgresStoreSettings> pg = postgresFor(database);
                if (pg.isEmpty()) {
                    return JdbiIncidentQueries.readOnly(database, query);
                }
                try (PostgresDatabase db = PostgresDatabase.openExisting(pg.get(), password(pg.get()))) {
                    return query.apply(new JdbiIncidentQueries(db));
                }
            }
        };
    }

    SecretStoreAccess secrets() {
        return new SecretStoreAccess() {
            @Override
            public <T> T withStore(
                    Path database, MasterKeys keys, boolean readOnly, Function<? super SecretStore, ? extends T> work) {
                Optional<PostgresStoreSettings> pg = postgresFor(database);
                if (pg.isEmpty()) {
                    return JdbiSecretStore.withFile(database, keys, readOnly, work);
                }
                Clock clock = Clock.systemUTC();
                try (PostgresDatabase db = readOnly
                        ? PostgresDatabase.openExisting(pg.get(), password(pg.get()))
                        : PostgresDatabase.open(pg.get(), password(pg.get()), clock)) {
                    return work.apply(new JdbiSecretStore(db, new SecretBox(keys, new SecureRandom()), clock));
                }
            }
        };
    }

    PromotionsAccess promotions() {
        return new PromotionsAccess() {
            @Override
            public <T> T use(Path database, Function<? super Promotions, ? extends T> work) {
                Optional<PostgresStoreSettings> pg = postgresFor(database);
                if (pg.isEmpty()) {
                    return JdbiPromotions.atFile(database, work);
                }
                try (PostgresDatabase db = PostgresDatabase.openExisting(pg.get(), password(pg.get()))) {
                    return work.apply(new JdbiPromotions(db, Clock.systemUTC()));
                }
            }
        };
    }

    StoreCopier copier() {
        return (from, toUrl) -> {
            Path configFile =
                    Optional.ofNullable(env.get("RUNBOOK_CONFIG")).map(Path::of).orElse(Settings.DEFAULT_CONFIG_FILE);
            PostgresStoreSettings target = StoreSettingsReader.postgresAt(SettingsSource.load(configFile, env), toUrl);
            Clock clock = Clock.systemUTC();
            try (SqliteDatabase source = SqliteDatabase.openReadOnly(StoreOptions.at(from));
                    PostgresDatabase destination = PostgresDatabase.open(target, password(target), clock)) {
                return StoreCopy.copy(source, destination);
            }
        };
    }

    private Optional<dev.runbookbot.secrets.Secret> password(PostgresStoreSettings pg) {
        return StoreAssembly.password(pg, env);
    }
}
