package dev.runbookbot.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.testing.ManualClock;
import dev.runbookbot.testing.TestKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SecretStore} must do, run against each implementation (in memory, SQLite). A subclass supplies
 * stores over one shared storage, each seeing it through different key settings, as restarts with other keys would.
 */
public abstract class SecretStoreContract {
    protected final ManualClock clock = ManualClock.at("2024-05-01T10:00:00Z");

    /** A store over this test's storage (the same rows on every call) whose box has these keys. */
    protected abstract SecretStore storeWith(MasterKeys keys);

    private SecretStore underA() {
        return storeWith(MasterKeys.of(TestKeys.a()));
    }

    private static List<String> keyIds(SecretStore store) {
        return store.list().stream().map(i -> i.name() + "@" + i.keyId()).toList();
    }

    @Test
    void putThenGetRoundTrips() {
        SecretStore store = underA();
        SecretInfo info = store.put("db-password", "hunter22", "cli:alice");
        Instant now = Instant.parse("2024-05-01T10:00:00Z");
        assertEquals(new SecretInfo("db-password", TestKeys.A_ID, now, "cli:alice", now, "cli:alice"), info);
        Secret secret = store.get("db-password").orElseThrow();
        assertEquals("db-password", secret.name());
        assertEquals("hunter22", secret.reveal());
        assertEquals(Optional.empty(), store.get("no-such-secret"));
    }

    @Test
    void settingAgainReplacesTheValueAndKeepsWhenItWasCreated() {
        SecretStore store = underA();
        store.put("db-password", "hunter22", "cli:alice");
        clock.advance(Duration.ofHours(2));
        SecretInfo info = store.put("db-password", "correct horse", "U0BOB");
        assertEquals(
                new SecretInfo(
                        "db-password",
                        TestKeys.A_ID,
                        Instant.parse("2024-05-01T10:00:00Z"),
                        "cli:alice",
                        Instant.parse("2024-05-01T12:00:00Z"),
                        "U0BOB"),
                info);
        assertEquals("correct horse", store.get("db-password").orElseThrow().reveal());
        assertEquals(1, store.list().size());
    }

    @Test
    void listShowsMetadataByNameAndNeedsNoKey() {
        SecretStore store = underA();
        store.put("redis-password", "r3dis-pass", "cli:alice");
        clock.advance(Duration.ofMinutes(1));
        store.put("api-token", "tok-0123456789", "cli:bob");
        List<SecretInfo> listed = storeWith(MasterKeys.none()).list();
        assertEquals(
                List.of(
                        new SecretInfo(
                                "api-token",
                                TestKeys.A_ID,
                                Instant.parse("2024-05-01T10:01:00Z"),
                                "cli:bob",
                                Instant.parse("2024-05-01T10:01:00Z"),
                                "cli:bob"),
                        new SecretInfo(
                                "redis-password",
                                TestKeys.A_ID,
                                Instant.parse("2024-05-01T10:00:00Z"),
                                "cli:alice",
                                Instant.parse("2024-05-01T10:00:00Z"),
                                "cli:alice")),
                listed);
    }

    @Test
    void removeSaysWhetherThereWasOne() {
        SecretStore store = underA();
        store.put("db-password", "hunter22", "cli:alice");
        assertTrue(storeWith(MasterKeys.none()).remove("db-password"));
        assertFalse(store.remove("db-password"));
        assertEquals(Optional.empty(), store.get("db-password"));
        assertEquals(List.of(), store.list());
    }

    @Test
    void badInputIsRefusedAndNothingIsStored() {
        SecretStore store = underA();
        assertThrows(IllegalArgumentException.class, () -> store.put("bad name", "hunter22", "cli:alice"));
        assertThrows(IllegalArgumentException.class, () -> store.put("db-password", "", "cli:alice"));
        assertThrows(IllegalArgumentException.class, () -> store.put("db-password", "abc", "cli:alice"));
        IllegalArgumentException actor =
                assertThrows(IllegalArgumentException.class, () -> store.put("db-password", "hunter22", " "));
        assertEquals("who sets secret 'db-password' must be named", actor.getMessage());
        assertEquals(List.of(), store.list());
    }

    @Test
    void withoutAKeyNothingIsEncryptedAndNothingDecrypted() {
        underA().put("db-password", "hunter22", "cli:alice");
        SecretStore noKey = storeWith(MasterKeys.none());
        SecretException put = assertThrows(SecretException.class, () -> noKey.put("api-token", "tok-1234", "cli:a"));
        assertEquals(
                "cannot encrypt secret 'api-token': no master key is configured; set RUNBOOK_MASTER_KEY (openssl rand"
                        + " -base64 32) or RUNBOOK_MASTER_KEY_FILE",
                put.getMessage());
        SecretException get = assertThrows(SecretException.class, () -> noKey.get("db-password"));
        assertEquals(
                "secret 'db-password' was encrypted with key " + TestKeys.A_ID + ", but no master key is configured:"
                        + " set that key as RUNBOOK_MASTER_KEY (or RUNBOOK_MASTER_KEY_FILE)",
                get.getMessage());
        SecretException rotate = assertThrows(SecretException.class, noKey::rotateKey);
        assertEquals(
                "cannot rotate: no master key is configured; set the new key as RUNBOOK_MASTER_KEY and the old one as"
                        + " RUNBOOK_MASTER_KEY_PREVIOUS",
                rotate.getMessage());
        assertEquals(List.of("db-password@" + TestKeys.A_ID), keyIds(noKey));
    }

    @Test
    void theWrongKeyIsAClearErrorNeverGarbage() {
        underA().put("db-password", "hunter22", "cli:alice");
        SecretStore underB = storeWith(MasterKeys.of(TestKeys.b()));
        SecretException e = assertThrows(SecretException.class, () -> underB.get("db-password"));
        assertEquals(
                "secret 'db-password' was encrypted with key " + TestKeys.A_ID + ", but the configured key is "
                        + TestKeys.B_ID
                        + ": set the old key as RUNBOOK_MASTER_KEY_PREVIOUS and rotate (runbookctl secret rotate-key),"
                        + " or set the secret again",
                e.getMessage());
        assertThrows(SecretException.class, underB::all);
        assertThrows(SecretException.class, () -> new StoredSecretResolver(underB).resolve("db-password"));
    }

    @Test
    void rotationReencryptsEverySecretUnderTheNewKey() {
        SecretStore store = underA();
        store.put("api-token", "tok-0123456789", "cli:alice");
        store.put("db-password", "hunter22", "cli:alice");
        List<SecretInfo> before = store.list();
        clock.advance(Duration.ofDays(30));

        SecretStore rotating = storeWith(MasterKeys.rotating(TestKeys.b(), TestKeys.a()));
        assertEquals(new KeyRotation(TestKeys.B_ID, 2, 0), rotating.rotateKey());
        assertEquals(List.of("api-token@" + TestKeys.B_ID, "db-password@" + TestKeys.B_ID), keyIds(rotating));
        for (int i = 0; i < before.size(); i++) {
            SecretInfo was = before.get(i);
            SecretInfo now = rotating.list().get(i);
            assertEquals(was.updatedAt(), now.updatedAt(), "a rotation does not change a value");
            assertEquals(was.updatedBy(), now.updatedBy());
        }

        SecretStore onlyNew = storeWith(MasterKeys.of(TestKeys.b()));
        assertEquals("hunter22", onlyNew.get("db-password").orElseThrow().reveal());
        assertEquals("tok-0123456789", onlyNew.get("api-token").orElseThrow().reveal());
        assertEquals(new KeyRotation(TestKeys.B_ID, 0, 2), onlyNew.rotateKey());
        assertThrows(SecretException.class, () -> underA().get("db-password"));
    }

    @Test
    void aRotationThatCannotDecryptEverySecretChangesNothing() {
        underA().put("a-first", "first-value", "cli:alice");
        storeWith(MasterKeys.of(TestKeys.c())).put("b-second", "second-value", "cli:alice");
        SecretStore rotating = storeWith(MasterKeys.rotating(TestKeys.b(), TestKeys.a()));
        SecretException e = assertThrows(SecretException.class, rotating::rotateKey);
        assertEquals(
                "secret 'b-second' was encrypted with key " + TestKeys.C_ID + ", but the configured keys are "
                        + TestKeys.B_ID + " (RUNBOOK_MASTER_KEY) and " + TestKeys.A_ID
                        + " (RUNBOOK_MASTER_KEY_PREVIOUS): set the key it was encrypted with as"
                        + " RUNBOOK_MASTER_KEY_PREVIOUS",
                e.getMessage());
        assertEquals(List.of("a-first@" + TestKeys.A_ID, "b-second@" + TestKeys.C_ID), keyIds(rotating));
        assertEquals("first-value", underA().get("a-first").orElseThrow().reveal());
    }

    @Test
    void allDecryptsEverySecretAndTheResolverReadsTheStore() {
        SecretStore store = underA();
        store.put("api-token", "tok-0123456789", "cli:alice");
        store.put("db-password", "hunter22", "cli:alice");
        assertEquals(
                List.of(new Secret("api-token", "tok-0123456789"), new Secret("db-password", "hunter22")), store.all());
        SecretResolver resolver = new StoredSecretResolver(store);
        assertEquals("hunter22", resolver.resolve("db-password").orElseThrow().reveal());
        assertEquals(Optional.empty(), resolver.resolve("missing"));
        Redactor redactor = Redactor.of(store.all());
        assertEquals("Bearer <secret:api-token>", redactor.redact("Bearer tok-0123456789"));
    }
}
