package dev.runbookbot.testing;

import dev.runbookbot.secrets.Secret;
import dev.runbookbot.store.PostgresStoreSettings;
import java.io.IOException;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL server for one test class (start it in {@code @BeforeAll}, close it in {@code @AfterAll}) and a
 * fresh, empty database for each test, so the store's contract suites run on PostgreSQL about as fast as on SQLite
 * files. Tests that stop or restart a server use a {@link PostgresServer} of their own.
 */
public final class PostgresDatabases implements AutoCloseable {
    /** The name of the secret that holds the server's password, as a bot would be configured. */
    public static final String PASSWORD_SECRET = "store-password";

    private final PostgresServer server;
    private final AtomicInteger next = new AtomicInteger();

    private PostgresDatabases(PostgresServer server) {
        this.server = server;
    }

    /** Starts a server (see {@link PostgresServer#start}). */
    public static PostgresDatabases start() throws IOException, InterruptedException {
        return new PostgresDatabases(PostgresServer.start(120));
    }

    public PostgresServer server() {
        return server;
    }

    /** Creates an empty database and returns store settings that log in to it as the superuser. */
    public PostgresStoreSettings fresh() {
        String name = "store_" + next.incrementAndGet();
        try {
            server.execute("postgres", "CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return PostgresStoreSettings.of(
                server.jdbcUrl(name), Optional.of(PostgresServer.SUPERUSER), Optional.of(PASSWORD_SECRET));
    }

    /** The superuser's password, as the runtime would resolve the store's password secret. */
    public Optional<Secret> password() {
        return Optional.of(new Secret(PASSWORD_SECRET, server.superuserPassword()));
    }

    @Override
    public void close() {
        server.close();
    }
}
