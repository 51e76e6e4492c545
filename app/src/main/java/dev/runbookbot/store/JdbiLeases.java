package dev.runbookbot.store;

import dev.runbookbot.replica.LeaseGrant;
import dev.runbookbot.replica.Leases;
import dev.runbookbot.replica.ReplicaId;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * {@link Leases} in the {@code lease} table (migration 9), on SQLite or PostgreSQL. A take is one upsert that only overwrites a row held by
 * the same replica or expired by the store's clock ({@link SqlDialect#nowMillis()}), followed in the same transaction by a read
 * of the row as it is now; the fencing token goes up whenever the holder changes or the lease had expired. Every
 * value is a bind parameter. Thread-safe; correct across processes because each step is one write transaction.
 */
public final class JdbiLeases implements Leases {
    private final StoreDatabase database;
    /** The store's clock in SQL ({@link SqlDialect#nowMillis()}). */
    private final String now;

    public JdbiLeases(StoreDatabase database) {
        this.database = Objects.requireNonNull(database, "database");
        this.now = database.dialect().nowMillis();
    }

    @Override
    public LeaseGrant take(String name, ReplicaId holder, Duration ttl) {
        return database.write(h -> {
            h.createUpdate("INSERT INTO lease (name, holder, token, expires_ms) VALUES (:name, :holder, 1, " + now
                            + " + :ttl) ON CONFLICT (name) DO UPDATE SET token = CASE WHEN lease.holder ="
                            + " excluded.holder AND lease.expires_ms > " + now
                            + " THEN lease.token ELSE lease.token + 1 END, holder = excluded.holder, expires_ms ="
                            + " excluded.expires_ms WHERE lease.holder = excluded.holder OR lease.expires_ms <= "
                            + now)
                    .bind("name", name)
                    .bind("holder", holder.value())
                    .bind("ttl", ttl.toMillis())
                    .execute();
            return find(h, name).orElseThrow();
        });
    }

    @Override
    public boolean fence(String name, ReplicaId holder, long token) {
        return database.read(h -> h.createQuery("SELECT count(*) FROM lease WHERE name = :name AND holder = :holder"
                                + " AND token = :token AND expires_ms > " + now)
                        .bind("name", name)
                        .bind("holder", holder.value())
                        .bind("token", token)
                        .mapTo(Long.class)
                        .one())
                == 1L;
    }

    @Override
    public void release(String name, ReplicaId holder) {
        database.write(h -> h.createUpdate("UPDATE lease SET expires_ms = " + now
                        + " - 1 WHERE name = :name AND holder = :holder AND expires_ms > " + now)
                .bind("name", name)
                .bind("holder", holder.value())
                .execute());
    }

    @Override
    public Set<String> liveHolders(String prefix) {
        return database.read(h -> h
                .createQuery("SELECT holder FROM lease WHERE substr(name, 1, :length) = :prefix" + " AND expires_ms > "
                        + now)
                .bind("length", prefix.length())
                .bind("prefix", prefix)
                .mapTo(String.class)
                .stream()
                .collect(Collectors.toUnmodifiableSet()));
    }

    @Override
    public Optional<LeaseGrant> current(String name) {
        return database.read(h -> find(h, name));
    }

    private Optional<LeaseGrant> find(Handle h, String name) {
        return h.createQuery("SELECT name, holder, token, expires_ms - " + now + " AS valid_ms FROM lease"
                        + " WHERE name = :name")
                .bind("name", name)
                .map((rs, ctx) -> new LeaseGrant(
                        rs.getString("name"), rs.getString("holder"), rs.getLong("token"), rs.getLong("valid_ms")))
                .findOne();
    }
}
