package dev.runbookbot.remediate.redis;

import java.util.Objects;
import java.util.Optional;

/**
 * One named Redis target from the bot's settings (runbooks name it, they never give a host): where it is, which
 * logical {@code database} the actions work on, the name of the secret holding its password (resolved when an action
 * runs, never stored here) and whether to connect with TLS.
 */
public record RedisSettings(
        String name, String host, int port, int database, Optional<String> passwordSecretName, boolean tls) {
    public RedisSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(passwordSecretName, "passwordSecretName");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a Redis target needs a name");
        }
        if (host.isBlank()) {
            throw new IllegalArgumentException("Redis target '" + name + "' needs a host");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("Redis target '" + name + "': port " + port + " is not 1-65535");
        }
        if (database < 0) {
            throw new IllegalArgumentException("Redis target '" + name + "': database " + database + " is negative");
        }
    }

    /** {@code payments-cache (10.0.0.5:6379, db 2, TLS)}. */
    public String describe() {
        return name + " (" + host + ":" + port + ", db " + database + (tls ? ", TLS" : "") + ")";
    }
}
