package dev.runbookbot.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the shared PostgreSQL store is and how to log in: {@code url} ({@code store.url} / {@code RUNBOOK_STORE_URL},
 * {@code jdbc:postgresql://host:port/database}), {@code user} ({@code store.user} / {@code RUNBOOK_STORE_USER}), {@code
 * passwordSecret} ({@code store.passwordSecret} / {@code RUNBOOK_STORE_PASSWORD_SECRET}: the <em>name</em> of a secret,
 * never the password; the runtime resolves it from the environment, because the encrypted secret store itself lives in
 * this database), {@code poolSize} ({@code store.poolSize} / {@code RUNBOOK_STORE_POOL_SIZE}, connections per
 * process) and {@code busyTimeout} (how long a statement waits for a row lock or a free connection before a retry-later
 * answer). The URL is checked here: host, database, and no credentials or properties in it.
 */
public record PostgresStoreSettings(
        String url, Optional<String> user, Optional<String> passwordSecret, int poolSize, Duration busyTimeout) {
    public static final String SCHEME = "jdbc:postgresql:";
    public static final int DEFAULT_POOL_SIZE = 8;

    public PostgresStoreSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(passwordSecret, "passwordSecret");
        Objects.requireNonNull(busyTimeout, "busyTimeout");
        checkUrl(url);
        if (poolSize < 1 || poolSize > 100) {
            throw new IllegalArgumentException("pool size must be between 1 and 100, got " + poolSize);
        }
        if (busyTimeout.toMillis() < 250) {
            throw new IllegalArgumentException("busy timeout must be at least 250ms, got " + busyTimeout);
        }
    }

    /** The settings for {@code url} with the default pool and busy timeout. */
    public static PostgresStoreSettings of(String url, Optional<String> user, Optional<String> passwordSecret) {
        return new PostgresStoreSettings(
                url, user, passwordSecret, DEFAULT_POOL_SIZE, StoreOptions.DEFAULT_BUSY_TIMEOUT);
    }

    /** {@code host:port/database} of the URL: what messages name (never a user or a password). */
    public String where() {
        URI uri = URI.create(url.substring("jdbc:".length()));
        int port = uri.getPort() == -1 ? 5432 : uri.getPort();
        return "PostgreSQL at " + uri.getHost() + ":" + port + uri.getPath();
    }

    private static void checkUrl(String url) {
        if (!url.startsWith(SCHEME + "//")) {
            throw new IllegalArgumentException(
                    "must look like jdbc:postgresql://host:port/database, got '" + printable(url) + "'");
        }
        URI uri;
        try {
            uri = new URI(url.substring("jdbc:".length()));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("is not a valid URL (" + e.getReason() + " at index "
                    + (e.getIndex() + "jdbc:".length()) + "); expected jdbc:postgresql://host:port/database");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new IllegalArgumentException("names no host; expected jdbc:postgresql://host:port/database");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("must not hold a user or password; set store.user and"
                    + " store.passwordSecret (RUNBOOK_STORE_USER, RUNBOOK_STORE_PASSWORD_SECRET) instead");
        }
        String path = uri.getPath();
        if (path == null || path.length() < 2 || path.indexOf('/', 1) >= 0) {
            throw new IllegalArgumentException("names no database; expected jdbc:postgresql://host:port/database");
        }
        if (uri.getRawQuery() != null
                && uri.getRawQuery().toLowerCase(java.util.Locale.ROOT).contains("password")) {
            throw new IllegalArgumentException("must not hold a password; name a secret in store.passwordSecret"
                    + " (RUNBOOK_STORE_PASSWORD_SECRET) instead");
        }
    }

    private static String printable(String text) {
        String masked =
                text.replaceAll("//[^/@]*@", "//<credentials>@").replaceAll("(?i)password=[^&]*", "password=<secret>");
        String cut = masked.length() > 80 ? masked.substring(0, 80) + "..." : masked;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
