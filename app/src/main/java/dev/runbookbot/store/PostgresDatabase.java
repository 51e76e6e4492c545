package dev.runbookbot.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.runbookbot.incident.StoreException;
import dev.runbookbot.incident.StoreUnavailableException;
import dev.runbookbot.secrets.Secret;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementExceptions;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.postgresql.PGProperty;

/**
 * The shared store on one PostgreSQL primary: a bounded pool of connections (HikariCP) that every store of the process
 * shares, as {@link SqliteDatabase} shares its file. Writes run at READ COMMITTED, the server's default, and stay
 * correct beside other replicas because every state change is a conditional {@code UPDATE ... WHERE state = ? AND
 * version = ?} and every "only one" is a unique constraint; a transaction that loses such a race (unique violation,
 * serialization failure, deadlock) is run again from the start, up to {@value #ATTEMPTS} times, and then sees the
 * winner's row. Reads run at REPEATABLE READ, one snapshot per call.
 *
 * <p>A lost connection (server restart, primary switch-over, network) fails the statement in flight with {@link
 * StoreUnavailableException} and records a {@link #writeFault()}; the pool drops dead connections and opens new ones,
 * and the next {@link #probeWrite} that works clears the fault. Opening checks the login first, so a wrong URL, an
 * unreachable server or a refused password stops the start with what to fix. Thread-safe.
 */
public final class PostgresDatabase implements StoreDatabase {
    private static final int ATTEMPTS = 5;
    private static final int PROBE_BALLAST_BYTES = 1024;

    private final PostgresStoreSettings settings;
    private final HikariDataSource pool;
    private final Jdbi jdbi;
    private final String where;
    private volatile String writeFault;

    private PostgresDatabase(PostgresStoreSettings settings, HikariDataSource pool) {
        this.settings = settings;
        this.pool = pool;
        this.where = settings.where();
        this.jdbi = Jdbi.create(pool);
        jdbi.installPlugin(new SqlObjectPlugin());
        jdbi.registerArgument(new PostgresText());
        // Statement text only: bound values never reach an exception message or a log.
        jdbi.getConfig(StatementExceptions.class)
                .setMessageRendering(StatementExceptions.MessageRendering.SHORT_STATEMENT);
    }

    /**
     * Connects, applies pending migrations (one transaction; replicas starting together take turns) and returns the
     * database.
     *
     * @throws StoreException with what to fix when the server cannot be reached, refuses the login, lacks the database,
     *     or holds a schema that is not ours or is newer than this build
     */
    public static PostgresDatabase open(PostgresStoreSettings settings, Optional<Secret> password, Clock clock) {
        PostgresDatabase database = connect(settings, password);
        try {
            try (Handle handle = database.jdbi.open()) {
                PostgresSchema.migrate(handle, database.where, clock);
            }
            return database;
        } catch (RuntimeException e) {
            database.close();
            throw PostgresFailures.translate(e, database.where, settings);
        }
    }

    /**
     * Connects to a database that runbook-bot has already created, without migrating it (the CLI): its schema must be
     * exactly the one this build knows, so a CLI of another version never changes the schema under running bots.
     */
    public static PostgresDatabase openExisting(PostgresStoreSettings settings, Optional<Secret> password) {
        PostgresDatabase database = connect(settings, password);
        try {
            database.read(h -> {
                PostgresSchema.requireCurrent(h, database.where);
                return null;
            });
            return database;
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    private static PostgresDatabase connect(PostgresStoreSettings settings, Optional<Secret> password) {
        Properties login = new Properties();
        settings.user().ifPresent(user -> PGProperty.USER.set(login, user));
        password.ifPresent(secret -> PGProperty.PASSWORD.set(login, secret.reveal()));
        PGProperty.CONNECT_TIMEOUT.set(login, 5);
        PGProperty.SOCKET_TIMEOUT.set(login, 60);
        PGProperty.TCP_KEEP_ALIVE.set(login, true);
        PGProperty.APPLICATION_NAME.set(login, "runbook-bot");
        long busy = settings.busyTimeout().toMillis();
        PGProperty.OPTIONS.set(login, "-c lock_timeout=" + busy + " -c statement_timeout=" + Math.max(30_000, busy));
        // The first login is made here, not in the pool, so its failure is reported at once and precisely.
        try (Connection first = new org.postgresql.Driver().connect(settings.url(), login)) {
            if (first == null) {
                throw new StoreException("store.url (RUNBOOK_STORE_URL) is not a PostgreSQL URL");
            }
        } catch (SQLException e) {
            throw PostgresFailures.translate(e, settings.where(), settings, "");
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("runbook-bot-store");
        config.setDriverClassName("org.postgresql.Driver");
        config.setJdbcUrl(settings.url());
        config.setDataSourceProperties(login);
        config.setMaximumPoolSize(settings.poolSize());
        config.setMinimumIdle(Math.min(2, settings.poolSize()));
        config.setConnectionTimeout(Math.max(250, busy));
        config.setValidationTimeout(1_000);
        config.setKeepaliveTime(30_000);
        config.setInitializationFailTimeout(-1);
        return new PostgresDatabase(settings, new HikariDataSource(config));
    }

    @Override
    public SqlDialect dialect() {
        return SqlDialect.POSTGRESQL;
    }

    @Override
    public String describe() {
        return where;
    }

    @Override
    public <T> T write(Function<Handle, T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return jdbi.inTransaction(TransactionIsolationLevel.READ_COMMITTED, work::apply);
            } catch (RuntimeException e) {
                if (attempt < ATTEMPTS && (e instanceof ConcurrentChange || PostgresFailures.retryable(e))) {
                    continue;
                }
                RuntimeException translated = PostgresFailures.translate(e, where, settings);
                if (translated instanceof StoreUnavailableException) {
                    writeFault = translated.getMessage();
                }
                throw translated;
            }
        }
    }

    @Override
    public <T> T read(Function<Handle, T> work) {
        try {
            return jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, h -> {
                h.execute("SET TRANSACTION READ ONLY");
                return work.apply(h);
            });
        } catch (RuntimeException e) {
            throw PostgresFailures.translate(e, where, settings);
        }
    }

    @Override
    public Optional<String> writeFault() {
        return Optional.ofNullable(writeFault);
    }

    @Override
    public void probeWrite(long atMillis) {
        byte[] ballast = new byte[PROBE_BALLAST_BYTES];
        ThreadLocalRandom.current().nextBytes(ballast);
        write(handle -> handle.createUpdate("""
                        INSERT INTO store_probe (id, written_ms, ballast) VALUES (1, :at, :ballast)
                            ON CONFLICT (id) DO UPDATE SET written_ms = excluded.written_ms, ballast = excluded.ballast
                        """)
                .bind("at", atMillis)
                .bind("ballast", ballast)
                .execute());
        writeFault = null;
    }

    @Override
    public void close() {
        pool.close();
    }
}
