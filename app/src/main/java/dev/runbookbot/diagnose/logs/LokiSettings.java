package dev.runbookbot.diagnose.logs;

import dev.runbookbot.diagnose.fetch.HttpAuth;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * The bot's Grafana Loki: its root URL, credentials by secret name (a bearer token, or basic auth whose password is a
 * secret; at most one of the two), and the tenant sent as {@code X-Scope-OrgID} when Loki runs multi-tenant.
 */
public record LokiSettings(
        URI baseUrl,
        Optional<String> bearerSecretName,
        Optional<String> basicUser,
        Optional<String> basicPasswordSecretName,
        Optional<String> tenantId) {
    public LokiSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        String scheme = String.valueOf(baseUrl.getScheme());
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("loki URL must be http or https: " + baseUrl);
        }
        if (baseUrl.getUserInfo() != null) {
            throw new IllegalArgumentException("loki URL must not carry credentials; name a secret instead");
        }
        auth(bearerSecretName, basicUser, basicPasswordSecretName); // checks the combination
        if (tenantId.isPresent() && (tenantId.get().isBlank() || tenantId.get().matches(".*[\\r\\n].*"))) {
            throw new IllegalArgumentException("loki tenant id must be a single non-empty line");
        }
    }

    /** A Loki without authentication or tenant. */
    public static LokiSettings of(URI baseUrl) {
        return new LokiSettings(baseUrl, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    HttpAuth auth() {
        return auth(bearerSecretName, basicUser, basicPasswordSecretName);
    }

    private static HttpAuth auth(Optional<String> bearer, Optional<String> user, Optional<String> password) {
        return new HttpAuth(bearer, user, password, "the bot's loki settings");
    }
}
