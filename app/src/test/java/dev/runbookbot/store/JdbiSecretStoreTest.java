package dev.runbookbot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.incident.StoreException;
import dev.runbookbot.secrets.MasterKeys;
import dev.runbookbot.secrets.SecretBox;
import dev.runbookbot.secrets.SecretException;
import dev.runbookbot.secrets.SecretStore;
import dev.runbookbot.secrets.SecretStoreContract;
import dev.runbookbot.testing.SecretLeaks;
import dev.runbookbot.testing.TestKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The secret store contract on a real SQLite file (WAL, the one writer, migrations), plus what only the file shows:
 * rows hold envelopes, a row moved or edited behind the store's back is caught, a failed rotation leaves every row.
 */
class JdbiSecretStoreTest extends SecretStoreContract {
    @TempDir
    Path directory;

    private SqliteDatabase database;

    private SqliteDatabase database() {
        if (database == null) {
            database = SqliteDatabase.open(StoreOptions.at(directory.resolve("runbook-bot.db")), clock);
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

    private List<Map<String, Object>> rows() {
        return database().read(h -> h.createQuery("SELECT * FROM secret ORDER BY name")
                .mapToMap()
                .list());
    }

    private void sql(String statement, Object... args) {
        database().write(h -> {
            var update = h.createUpdate(statement);
            for (int i = 0; i < args.length; i++) {
                update.bind(i, args[i]);
            }
            return update.execute();
        });
    }

    @Test
    void theTableIsMigrationTwoAndItsRowsHoldOnlyTheEnvelope() {
        storeWith(MasterKeys.of(TestKeys.a())).put("db-password", "hunter22-plain", "cli:alice");
        assertTrue(database().schemaVersion() >= 2, "the secret table arrives with migration 2");
        Map<String, Object> row = rows().get(0);
        assertEquals("db-password", row.get("name"));
        assertEquals(TestKeys.A_ID, row.get("key_id"));
        String ciphertext = (String) row.get("ciphertext");
        assertEquals(TestKeys.A_ID, SecretBox.keyIdOf("db-password", ciphertext));
        SecretLeaks.assertNoSecretLeaks(List.of("hunter22-plain"), ciphertext, row.toString());
    }

    @Test
    void aCiphertextCopiedIntoAnotherRowFailsItsIntegrityCheck() {
        SecretStore store = storeWith(MasterKeys.of(TestKeys.a()));
        store.put("db-password", "hunter22", "cli:alice");
        store.put("api-token", "tok-0123456789", "cli:alice");
        sql("UPDATE secret SET ciphertext = (SELECT ciphertext FROM secret WHERE name = 'db-password')"
                + " WHERE name = 'api-token'");
        SecretException e = assertThrows(SecretException.class, () -> store.get("api-token"));
        assertEquals(
                "secret 'api-token' failed its integrity check under key " + TestKeys.A_ID
                        + ": the stored ciphertext was altered or copied from another secret's row; nothing was"
                        + " decrypted. Set it again: runbookctl secret set api-token",
                e.getMessage());
        assertEquals("hunter22", store.get("db-password").orElseThrow().reveal());
    }

    @Test
    void aRotationStoppedByAnEditedRowRollsBackTheRowsBeforeIt() {
        storeWith(MasterKeys.of(TestKeys.a())).put("a-first", "first-value", "cli:alice");
        storeWith(MasterKeys.of(TestKeys.a())).put("b-second", "second-value", "cli:alice");
        sql("UPDATE secret SET ciphertext = 'not an envelope' WHERE name = 'b-second'");
        List<Map<String, Object>> before = rows();
        SecretStore rotating = storeWith(MasterKeys.rotating(TestKeys.b(), TestKeys.a()));
        SecretException e = assertThrows(SecretException.class, rotating::rotateKey);
        assertEquals(
                "the stored value of secret 'b-second' is not a runbook-bot ciphertext (it is not base64); set it"
                        + " again: runbookctl secret set b-second",
                e.getMessage());
        assertEquals(before, rows(), "a-first was re-sealed first, then rolled back with the rest");
    }

    @Test
    void theStoreSharesTheIncidentDatabaseFile() {
        storeWith(MasterKeys.of(TestKeys.a())).put("db-password", "hunter22", "cli:alice");
        List<String> tables = database().read(h -> h.createQuery(
                        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name IN ('incident', 'secret')"
                                + " ORDER BY name")
                .mapTo(String.class)
                .list());
        assertEquals(List.of("incident", "secret"), tables);
        assertTrue(Files.exists(directory.resolve("runbook-bot.db-wal")), "WAL journal");
    }

    @Test
    void withFileCreatesOrOnlyReads() {
        Path file = directory.resolve("cli.db");
        StoreException missing = assertThrows(
                StoreException.class, () -> JdbiSecretStore.withFile(file, MasterKeys.none(), true, s -> s.list()));
        assertEquals(
                "no database at " + file
                        + "; runbook-bot creates it when it first starts (pass --db or set RUNBOOK_DB to its file)",
                missing.getMessage());
        assertTrue(Files.notExists(file), "read-only access creates nothing");
        String stored = JdbiSecretStore.withFile(
                file, MasterKeys.of(TestKeys.a()), false, s -> s.put("db-password", "hunter22", "cli:alice")
                        .keyId());
        assertEquals(TestKeys.A_ID, stored);
        assertEquals(
                List.of("db-password"), JdbiSecretStore.withFile(file, MasterKeys.none(), true, s -> s.list().stream()
                        .map(i -> i.name())
                        .toList()));
    }
}
