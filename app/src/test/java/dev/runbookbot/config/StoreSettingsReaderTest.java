package dev.runbookbot.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.store.PostgresStoreSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreSettingsReaderTest {
    @TempDir
    Path dir;

    @Test
    void withoutAUrlTheStoreIsTheSqliteFile() {
        SettingsSource s = SettingsSource.of(Map.of("RUNBOOK_DB", "/var/lib/bot/bot.db"));

        assertEquals(Optional.empty(), StoreSettingsReader.postgres(s));
        assertEquals(Path.of("/var/lib/bot/bot.db"), StoreSettingsReader.sqliteFile(s));
        assertEquals(Path.of("runbook-bot.db"), StoreSettingsReader.sqliteFile(SettingsSource.of(Map.of())));
    }

    @Test
    void aSqliteUrlNamesTheFile() {
        SettingsSource s = SettingsSource.of(Map.of("RUNBOOK_STORE_URL", "jdbc:sqlite:/data/bot.db"));

        assertEquals(Optional.empty(), StoreSettingsReader.postgres(s));
        assertEquals(Path.of("/data/bot.db"), StoreSettingsReader.sqliteFile(s));
    }

    @Test
    void aPostgresUrlSelectsTheSharedStoreWithItsLoginAndPool() {
        SettingsSource s = SettingsSource.of(Map.of(
                "RUNBOOK_STORE_URL", "jdbc:postgresql://db.internal:5433/runbookbot",
                "RUNBOOK_STORE_USER", "bot",
                "RUNBOOK_STORE_PASSWORD_SECRET", "store-password",
                "RUNBOOK_STORE_POOL_SIZE", "4",
                "RUNBOOK_STORE_BUSY_TIMEOUT", "2s"));

        PostgresStoreSettings pg = StoreSettingsReader.postgres(s).orElseThrow();

        assertEquals(
                new PostgresStoreSettings(
                        "jdbc:postgresql://db.internal:5433/runbookbot",
                        Optional.of("bot"),
                        Optional.of("store-password"),
                        4,
                        Duration.ofSeconds(2)),
                pg);
        assertEquals("PostgreSQL at db.internal:5433/runbookbot", pg.where());
    }

    @Test
    void theFileKeysWorkToo() throws Exception {
        Path file = dir.resolve("runbook-bot.yaml");
        Files.writeString(file, """
                store:
                  url: jdbc:postgresql://db/runbookbot
                  user: bot
                  passwordSecret: store-password
                """);

        PostgresStoreSettings pg = StoreSettingsReader.postgres(SettingsSource.load(file, Map.of()))
                .orElseThrow();

        assertEquals(Optional.of("bot"), pg.user());
        assertEquals(PostgresStoreSettings.DEFAULT_POOL_SIZE, pg.poolSize());
        assertEquals("PostgreSQL at db:5432/runbookbot", pg.where());
    }

    @Test
    void badUrlsSayWhatIsWrongAndWhereWithoutShowingAPassword() {
        SettingsException other = assertThrows(
                SettingsException.class,
                () -> StoreSettingsReader.postgres(
                        SettingsSource.of(Map.of("RUNBOOK_STORE_URL", "mysql://db/runbookbot"))));
        assertEquals(
                "setting 'store.url' (or env RUNBOOK_STORE_URL) must be jdbc:postgresql://host:port/database (the"
                        + " shared store) or jdbc:sqlite:PATH (a file)",
                other.getMessage());

        SettingsException credentials = assertThrows(
                SettingsException.class,
                () -> StoreSettingsReader.postgres(
                        SettingsSource.of(Map.of("RUNBOOK_STORE_URL", "jdbc:postgresql://bot:hunter2@db/runbookbot"))));
        assertTrue(
                credentials.getMessage().startsWith("setting 'store.url' (or env RUNBOOK_STORE_URL): must not hold"));
        assertFalse(credentials.getMessage().contains("hunter2"));

        SettingsException pool = assertThrows(
                SettingsException.class,
                () -> StoreSettingsReader.postgres(SettingsSource.of(Map.of(
                        "RUNBOOK_STORE_URL", "jdbc:postgresql://db/runbookbot", "RUNBOOK_STORE_POOL_SIZE", "0"))));
        assertEquals(
                "setting 'store.poolSize' (or env RUNBOOK_STORE_POOL_SIZE) must be between 1 and 100, got 0",
                pool.getMessage());
    }
}
