package dev.runbookbot.store;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.incident.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A database the bot has used is never silently recreated empty; a first start and {@code --init} create one. */
class DatabaseMarkerTest {
    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");

    @TempDir
    Path dir;

    @Test
    void aFirstStartWithNeitherFileGoesOnAndLeavesTheMarker() throws Exception {
        Path db = dir.resolve("bot.db");
        assertDoesNotThrow(() -> DatabaseMarker.checkBeforeOpen(db, false));
        Files.writeString(db, "");

        DatabaseMarker.record(db, NOW);

        assertEquals(dir.resolve("bot.db.created"), DatabaseMarker.of(db));
        assertTrue(Files.readString(DatabaseMarker.of(db)).contains(NOW.toString()));
    }

    @Test
    void aMissingDatabaseTheBotHasUsedIsRefusedWithWhatToDo() throws Exception {
        Path db = dir.resolve("bot.db");
        DatabaseMarker.record(db, NOW);

        StoreException refused = assertThrows(StoreException.class, () -> DatabaseMarker.checkBeforeOpen(db, false));

        assertEquals(
                "database " + db.toAbsolutePath() + " is missing, but runbook-bot has run with it before ("
                        + dir.resolve("bot.db.created").toAbsolutePath()
                        + " exists): restore it from a backup (or mount its volume), or start with --init"
                        + " (runbookctl bot --init) to begin with an empty database",
                refused.getMessage());
    }

    @Test
    void initCreatesItAnywayAndAPresentDatabaseNeedsNothing() throws Exception {
        Path db = dir.resolve("bot.db");
        DatabaseMarker.record(db, NOW);
        assertDoesNotThrow(() -> DatabaseMarker.checkBeforeOpen(db, true));
        Files.writeString(db, "");
        assertDoesNotThrow(() -> DatabaseMarker.checkBeforeOpen(db, false));
    }
}
