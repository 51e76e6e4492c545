package dev.runbookbot.diagnose.prometheus;

import dev.runbookbot.diagnose.fetch.HttpAuth;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the bot's Prometheus is and how to authenticate to it, from the bot's configuration. {@code baseUrl} is the
 * server root (a path prefix such as {@code http://host/prometheus} is kept). Credentials are named, never inlined:
 * {@code bearerSecretName} names a secret holding a bearer token; {@code basicUser} with
 * {@code basicPasswordSecretName} gives basic auth. At most one of the two may be set.
 */
public record PrometheusSettings(
        URI baseUrl,
        Optional<String> bearerSecretName,
        Optional<String> basicUser,
        Optional<String> basicPasswordSecretName) {
    public PrometheusSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        String scheme = String.valueOf(baseUrl.getScheme());
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("prometheus URL must be http or https: " + baseUrl);
        }
        if (baseUrl.getUserInfo() != null) {
            throw new IllegalArgumentException("prometheus URL must not carry credentials; name a secret instead");
        }
        auth(bearerSecretName, basicUser, basicPasswordSecretName); // checks the combination
    }

    /** A Prometheus without authentication. */
    public static PrometheusSettings of(URI baseUrl) {
        return new PrometheusSettings(baseUrl, Optional.empty(), Optional.empty(), Optional.empty());
    }

    HttpAuth auth() {
        return auth(bearerSecretName, basicUser, basicPasswordSecretName);
    }

    private static HttpAuth auth(Optional<String> bearer, Optional<String> user, Optional<String> password) {
        return new HttpAuth(bearer, user, password, "the bot's prometheus settings");
    }
}
