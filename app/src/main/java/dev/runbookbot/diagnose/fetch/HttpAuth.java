package dev.runbookbot.diagnose.fetch;

import dev.runbookbot.secrets.Secret;
import dev.runbookbot.secrets.SecretResolver;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import okhttp3.Credentials;
import okhttp3.Request;

/**
 * Credentials for an HTTP API (Prometheus, Loki), by secret name: a bearer token, or a basic-auth user with a password
 * secret, or none. {@code origin} says where they were configured, for messages (for example {@code prometheus} for the
 * bot's settings, or a step's config path). Secrets are resolved and revealed only when the header is set.
 */
public record HttpAuth(
        Optional<String> bearerSecret,
        Optional<String> basicUser,
        Optional<String> basicPasswordSecret,
        String origin) {
    public HttpAuth {
        if (bearerSecret.isPresent() && (basicUser.isPresent() || basicPasswordSecret.isPresent())) {
            throw new IllegalArgumentException(origin + ": set a bearer token or basic auth, not both");
        }
        if (basicUser.isPresent() != basicPasswordSecret.isPresent()) {
            throw new IllegalArgumentException(origin + ": basic auth needs both the user and the password secret");
        }
    }

    public static HttpAuth none(String origin) {
        return new HttpAuth(Optional.empty(), Optional.empty(), Optional.empty(), origin);
    }

    /**
     * Adds the {@code Authorization} header. Returns a message naming the missing secret, or empty when all went well.
     */
    public Optional<String> apply(Request.Builder request, SecretResolver secrets) {
        if (bearerSecret.isPresent()) {
            Optional<Secret> token = secrets.resolve(bearerSecret.get());
            if (token.isEmpty()) {
                return Optional.of(missing(bearerSecret.get(), "bearer token"));
            }
            if (!setAuthorization(request, "Bearer " + token.get().reveal())) {
                return Optional.of(unsendable(bearerSecret.get()));
            }
        } else if (basicUser.isPresent() && basicPasswordSecret.isPresent()) {
            Optional<Secret> password = secrets.resolve(basicPasswordSecret.get());
            if (password.isEmpty()) {
                return Optional.of(missing(basicPasswordSecret.get(), "basic auth password"));
            }
            if (!setAuthorization(
                    request, Credentials.basic(basicUser.get(), password.get().reveal(), StandardCharsets.UTF_8))) {
                return Optional.of(unsendable(basicPasswordSecret.get()));
            }
        }
        return Optional.empty();
    }

    /** Sets the header; false when the value cannot be sent (okhttp refuses it, without quoting it). */
    private static boolean setAuthorization(Request.Builder request, String value) {
        try {
            request.header("Authorization", value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private String unsendable(String name) {
        return "secret '" + name + "' (set in " + origin + ") cannot be sent in an HTTP header: it contains a line"
                + " break or a character outside printable ASCII";
    }

    private String missing(String name, String what) {
        return "secret '" + name + "' (the " + what + " set in " + origin + ") is not in the secret store";
    }
}
