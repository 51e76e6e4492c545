package dev.runbookbot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.incident.StoreException;
import dev.runbookbot.remediate.Promotion;
import dev.runbookbot.testing.ManualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Promotions in a real SQLite file: recorded with who and what evidence, kept across reopening, never edited. */
class JdbiPromotionsTest {
    @TempDir
    Path directory;

    private final ManualClock clock = ManualClock.at("2025-03-01T03:00:00Z");

    private Path file() {
        return directory.resolve("runbook-bot.db");
    }

    @Test
    void aPromotionIsRecordedAndAllowsThatActionInThatEnvironment() {
        try (SqliteDatabase database = SqliteDatabase.open(StoreOptions.at(file()), clock)) {
            JdbiPromotions promotions = new JdbiPromotions(database, clock);
            assertFalse(promotions.isPromoted("clear-cache", "prod"));

            Promotion promotion =
                    promotions.promote(" clear-cache ", "prod", "U0LEAD", "https://reports.internal/cache-validation");
            clock.advance(Duration.ofMinutes(5));
            promotions.promote("clear-cache", "eu-prod", "alice", "https://reports.internal/eu");

            assertEquals(
                    new Promotion(
                            1,
                            "clear-cache",
                            "prod",
                            "U0LEAD",
                            "https://reports.internal/cache-validation",
                            Instant.parse("2025-03-01T03:00:00Z")),
                    promotion);
            assertTrue(promotions.isPromoted("clear-cache", "prod"));
            assertTrue(promotions.isPromoted("clear-cache", "PROD"), "environments ignore case");
            assertFalse(promotions.isPromoted("clear-cache", "staging"));
            assertFalse(promotions.isPromoted("kill_idle", "prod"));
            assertEquals(
                    List.of("1 clear-cache prod U0LEAD", "2 clear-cache eu-prod alice"),
                    promotions.list().stream()
                            .map(p -> p.id() + " " + p.action() + " " + p.environment() + " " + p.promotedBy())
                            .toList());
        }
    }

    @Test
    void aPromotionWithoutUsableEvidenceIsRefusedAndNothingIsStored() {
        try (SqliteDatabase database = SqliteDatabase.open(StoreOptions.at(file()), clock)) {
            JdbiPromotions promotions = new JdbiPromotions(database, clock);
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class,
                    () -> promotions.promote("clear-cache", "prod", "U0LEAD", "javascript:alert(1)"));
            assertEquals(
                    "evidence URL 'javascript:alert(1)' must be an absolute http or https URL with a host",
                    e.getMessage());
            assertEquals(List.of(), promotions.list());
        }
    }

    @Test
    void theCliOpensOnlyAnExistingDatabaseOfThisSchemaAndPromotionsSurvive() {
        StoreException missing = assertThrows(StoreException.class, () -> JdbiPromotions.atFile(file(), p -> p.list()));
        assertEquals(
                "no database at " + file()
                        + "; runbook-bot creates it when it first starts (pass --db or set RUNBOOK_DB to its file)",
                missing.getMessage());
        assertFalse(Files.exists(file()), "the CLI never creates the database");

        SqliteDatabase.open(StoreOptions.at(file()), clock).close();
        Promotion promoted = JdbiPromotions.atFile(
                file(), p -> p.promote("clear-cache", "prod", "alice", "https://reports.internal/x"));
        assertEquals(1, promoted.id());
        assertEquals(List.of(promoted), JdbiPromotions.atFile(file(), p -> p.list()));
        try (SqliteDatabase database = SqliteDatabase.open(StoreOptions.at(file()), clock)) {
            assertTrue(new JdbiPromotions(database, clock).isPromoted("clear-cache", "prod"));
        }
    }

    @Test
    void theCliRefusesADatabaseOfAnotherSchemaVersion() throws Exception {
        SqliteDatabase.open(StoreOptions.at(file()), clock).close();
        try (var connection = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file());
                var statement = connection.createStatement()) {
            statement.execute("INSERT INTO schema_version (version, description, applied_ms) VALUES (99, 'future', 0)");
        }
        StoreException e = assertThrows(StoreException.class, () -> JdbiPromotions.atFile(file(), p -> p.list()));
        assertTrue(
                e.getMessage().startsWith("database schema version 99 is newer than this runbook-bot"), e.getMessage());
    }
}
