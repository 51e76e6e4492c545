package dev.runbookbot.testing;

import dev.runbookbot.secrets.KeyRotation;
import dev.runbookbot.secrets.MasterKey;
import dev.runbookbot.secrets.SealedValue;
import dev.runbookbot.secrets.Secret;
import dev.runbookbot.secrets.SecretBox;
import dev.runbookbot.secrets.SecretException;
import dev.runbookbot.secrets.SecretInfo;
import dev.runbookbot.secrets.SecretRules;
import dev.runbookbot.secrets.SecretStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A {@link SecretStore} in memory, for tests of code that uses stored secrets (runbook steps, Slack, the runtime). It
 * seals values with a real {@link SecretBox}, so keys, rotation and wrong-key errors behave as in the SQLite store,
 * and it passes the same contract test. {@link #withKeys} gives a view of the same rows under other keys, as a restart
 * with other key settings would. Thread-safe: every method holds the rows' monitor.
 */
public final class InMemorySecretStore implements SecretStore {
    private record Row(SealedValue sealed, Instant createdAt, String createdBy, Instant updatedAt, String updatedBy) {
        SecretInfo info(String name) {
            return new SecretInfo(name, sealed.keyId(), createdAt, createdBy, updatedAt, updatedBy);
        }
    }

    private final Map<String, Row> rows;
    private final SecretBox box;
    private final Clock clock;

    public InMemorySecretStore(SecretBox box, Clock clock) {
        this(new TreeMap<>(), box, clock);
    }

    private InMemorySecretStore(Map<String, Row> rows, SecretBox box, Clock clock) {
        this.rows = rows;
        this.box = box;
        this.clock = clock;
    }

    /** The same rows, seen through another box (other key settings). */
    public InMemorySecretStore withKeys(SecretBox other) {
        return new InMemorySecretStore(rows, other, clock);
    }

    @Override
    public SecretInfo put(String name, String value, String actor) {
        SecretRules.checkName(name);
        SecretRules.checkValue(name, value);
        if (actor.isBlank()) {
            throw new IllegalArgumentException("who sets secret '" + name + "' must be named");
        }
        SealedValue sealed = box.seal(name, value);
        synchronized (rows) {
            Instant now = clock.instant();
            Row previous = rows.get(name);
            Row row = previous == null
                    ? new Row(sealed, now, actor, now, actor)
                    : new Row(sealed, previous.createdAt(), previous.createdBy(), now, actor);
            rows.put(name, row);
            return row.info(name);
        }
    }

    @Override
    public Optional<Secret> get(String name) {
        Row row;
        synchronized (rows) {
            row = rows.get(name);
        }
        return Optional.ofNullable(row).map(r -> box.open(name, r.sealed().text()));
    }

    @Override
    public List<SecretInfo> list() {
        synchronized (rows) {
            return rows.entrySet().stream()
                    .map(e -> e.getValue().info(e.getKey()))
                    .toList();
        }
    }

    @Override
    public boolean remove(String name) {
        synchronized (rows) {
            return rows.remove(name) != null;
        }
    }

    @Override
    public KeyRotation rotateKey() {
        MasterKey current = box.keys()
                .current()
                .orElseThrow(() -> new SecretException(
                        "cannot rotate: no master key is configured; set the new key as RUNBOOK_MASTER_KEY and the old"
                                + " one as RUNBOOK_MASTER_KEY_PREVIOUS"));
        synchronized (rows) {
            Map<String, Row> changed = new TreeMap<>();
            int already = 0;
            for (Map.Entry<String, Row> e : rows.entrySet()) {
                Row row = e.getValue();
                if (SecretBox.keyIdOf(e.getKey(), row.sealed().text()).equals(current.id())) {
                    already++;
                } else {
                    SealedValue sealed = box.reseal(e.getKey(), row.sealed().text());
                    changed.put(
                            e.getKey(),
                            new Row(sealed, row.createdAt(), row.createdBy(), row.updatedAt(), row.updatedBy()));
                }
            }
            rows.putAll(changed); // only once every row could be re-sealed: all or nothing
            return new KeyRotation(current.id(), changed.size(), already);
        }
    }

    @Override
    public List<Secret> all() {
        Map<String, Row> snapshot;
        synchronized (rows) {
            snapshot = new TreeMap<>(rows);
        }
        List<Secret> secrets = new ArrayList<>();
        snapshot.forEach((name, row) -> secrets.add(box.open(name, row.sealed().text())));
        return secrets;
    }
}
