package dev.runbookbot.datasource;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One named database, from configuration. Diagnostics refer to it by {@code name}; the password lives in the secret
 * store under {@code passwordSecretName} and never in the URL (a URL carrying one is refused, and URLs are masked in
 * every message anyway).
 *
 * @param name what runbooks write in {@code datasource:}
 * @param jdbcUrl a {@code jdbc:postgresql:} or {@code jdbc:sqlite:} URL without credentials
 * @param user the database user, if the driver needs one
 * @param passwordSecretName the secret holding the password, if the database needs one
 * @param writable whether remediations may open it for writing; diagnostics always read
 * @param statementTimeout the longest a statement may run (a step's own, shorter timeout wins)
 * @param maxRows the most rows a query may return; more are cut off and flagged
 */
public record DataSourceSettings(
        String name,
        String jdbcUrl,
        Optional<String> user,
        Optional<String> passwordSecretName,
        boolean writable,
        Duration statementTimeout,
        int maxRows) {

    /** The largest {@code maxRows} a data source may allow. */
    public static final int MAX_ROWS_LIMIT = 100_000;

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

    public DataSourceSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(passwordSecretName, "passwordSecretName");
        Objects.requireNonNull(statementTimeout, "statementTimeout");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("data source name '" + name
                    + "' must start with a letter or underscore and hold only letters, digits, '_' and '-'");
        }
        if (JdbcUrls.hasCredential(jdbcUrl)) {
            throw new IllegalArgumentException("data source '" + name + "': the JDBC URL " + JdbcUrls.mask(jdbcUrl)
                    + " carries a credential; remove it and name a secret in passwordSecretName instead");
        }
        if (Dialect.of(jdbcUrl).isEmpty()) {
            throw new IllegalArgumentException("data source '" + name + "': unsupported JDBC URL "
                    + JdbcUrls.mask(jdbcUrl) + "; supported: jdbc:postgresql:, jdbc:sqlite:");
        }
        if (statementTimeout.isNegative() || statementTimeout.isZero()) {
            throw new IllegalArgumentException(
                    "data source '" + name + "': statementTimeout must be positive, was " + statementTimeout);
        }
        if (maxRows < 1 || maxRows > MAX_ROWS_LIMIT) {
            throw new IllegalArgumentException("data source '" + name + "': maxRows must lie between 1 and "
                    + MAX_ROWS_LIMIT + ", was " + maxRows);
        }
    }

    /** A read-only source with a 10 s statement timeout and at most 1,000 rows. */
    public static DataSourceSettings readOnly(
            String name, String jdbcUrl, Optional<String> user, Optional<String> passwordSecretName) {
        return new DataSourceSettings(name, jdbcUrl, user, passwordSecretName, false, Duration.ofSeconds(10), 1_000);
    }

    public Dialect dialect() {
        return Dialect.of(jdbcUrl).orElseThrow();
    }

    /** The URL as it may appear in messages. */
    public String maskedUrl() {
        return JdbcUrls.mask(jdbcUrl);
    }

    @Override
    public String toString() {
        return "DataSourceSettings[name=" + name + ", jdbcUrl=" + maskedUrl() + ", user=" + user.orElse("")
                + ", passwordSecretName=" + passwordSecretName.orElse("") + ", writable=" + writable
                + ", statementTimeout=" + statementTimeout + ", maxRows=" + maxRows + "]";
    }
}
