package dev.runbookbot.store;

import dev.runbookbot.incident.StoreException;
import dev.runbookbot.secrets.KeyRotation;
import dev.runbookbot.secrets.MasterKey;
import dev.runbookbot.secrets.MasterKeys;
import dev.runbookbot.secrets.SealedValue;
import dev.runbookbot.secrets.Secret;
import dev.runbookbot.secrets.SecretBox;
import dev.runbookbot.secrets.SecretException;
import dev.runbookbot.secrets.SecretInfo;
import dev.runbookbot.secrets.SecretRules;
import dev.runbookbot.secrets.SecretStore;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@link SecretStore} in the bot's SQLite database (table {@code secret}, schema version 2), on the same {@link
 * SqliteDatabase} as the incident store and so through its one writer: every change is one {@code BEGIN IMMEDIATE}
 * transaction, reads use the read pool. Values are sealed by {@link SecretBox} before any statement sees them, so only
 * envelopes are ever bound, written to the file or its WAL, and the database's value-free exception messages apply.
 *
 * <p>Old envelopes may linger in SQLite's free pages and WAL after a change or a rotation. They are still encrypted;
 * if the old key itself was exposed, run {@code VACUUM} after rotating so they are gone from the file too.
 *
 * <p>Thread-safe.
 */
public final class JdbiSecretStore implements SecretStore {
    private final StoreDatabase database;
    private final SecretBox box;
    private final Clock clock;

    public JdbiSecretStore(StoreDatabase database, SecretBox box, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.box = Objects.requireNonNull(box, "box");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Opens the database at {@code file}, runs {@code work} against its secret store and closes it: what {@code
     * runbookctl secret} uses (wire it as {@code JdbiSecretStore::withFile}). With {@code readOnly} the file must exist
     * with the current schema and nothing is created or migrated; otherwise it is created and migrated if needed.
     *
     * @throws StoreException when the file cannot be opened (missing when read-only, not ours, newer schema)
     */
    public static <T> T withFile(
            Path file, MasterKeys keys, boolean readOnly, Function<? super SecretStore, ? extends T> work) {
        Clock clock = Clock.systemUTC();
        StoreOptions options = StoreOptions.at(file);
        try (StoreDatabase database =
                readOnly ? SqliteDatabase.openReadOnly(options) : SqliteDatabase.open(options, clock)) {
            return work.apply(new JdbiSecretStore(database, new SecretBox(keys, new SecureRandom()), clock));
        }
    }

    @Override
    public SecretInfo put(String name, String value, String actor) {
        SecretRules.checkName(name);
        SecretRules.checkValue(name, value);
        if (actor.isBlank()) {
            throw new IllegalArgumentException("who sets secret '" + name + "' must be named");
        }
        SealedValue sealed = box.seal(name, value);
        return database.write(h -> {
            SecretDao dao = h.attach(SecretDao.class);
            dao.upsert(name, sealed.text(), sealed.keyId(), clock.millis(), actor);
            return dao.find(name).orElseThrow().info();
        });
    }

    @Override
    public Optional<Secret> get(String name) {
        return database.read(h -> h.attach(SecretDao.class).find(name))
                .map(row -> box.open(row.name(), row.ciphertext()));
    }

    @Override
    public List<SecretInfo> list() {
        return database.read(h -> h.attach(SecretDao.class).all()).stream()
                .map(SecretRow::info)
                .toList();
    }

    @Override
    public boolean remove(String name) {
        return database.write(h -> h.attach(SecretDao.class).delete(name)) > 0;
    }

    @Override
    public KeyRotation rotateKey() {
        MasterKey current = box.keys()
                .current()
                .orElseThrow(() -> new SecretException(
                        "cannot rotate: no master key is configured; set the new key as RUNBOOK_MASTER_KEY and the old"
                                + " one as RUNBOOK_MASTER_KEY_PREVIOUS"));
        return database.write(h -> {
            SecretDao dao = h.attach(SecretDao.class);
            int reencrypted = 0;
            int alreadyCurrent = 0;
            for (SecretRow row : dao.all()) {
                if (SecretBox.keyIdOf(row.name(), row.ciphertext()).equals(current.id())) {
                    alreadyCurrent++;
                    continue;
                }
                SealedValue sealed = box.reseal(row.name(), row.ciphertext());
                if (dao.reseal(row.name(), sealed.text(), sealed.keyId(), row.ciphertext()) != 1) {
                    throw new StoreException("secret '" + row.name() + "' changed during the rotation; nothing was"
                            + " changed, run it again");
                }
                reencrypted++;
            }
            return new KeyRotation(current.id(), reencrypted, alreadyCurrent);
        });
    }

    @Override
    public List<Secret> all() {
        List<Secret> secrets = new ArrayList<>();
        for (SecretRow row : database.read(h -> h.attach(SecretDao.class).all())) {
            secrets.add(box.open(row.name(), row.ciphertext()));
        }
        return secrets;
    }
}
