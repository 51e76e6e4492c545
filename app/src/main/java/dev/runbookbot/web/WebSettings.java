package dev.runbookbot.web;

import dev.runbookbot.alert.pagerduty.FreshnessCheck;
import dev.runbookbot.secrets.Secret;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of the bot's HTTP server. {@link #defaults()}: bound to {@code 127.0.0.1:8080} (expose it deliberately, for
 * example behind a reverse proxy that terminates TLS), bodies up to 1 MiB, no Alertmanager credential and no PagerDuty
 * secret (so both webhooks refuse every request until configured), PagerDuty events accepted up to 30 minutes after
 * they occurred (see {@link FreshnessCheck}).
 *
 * <p>Alertmanager authenticates with what its {@code http_config} sends: a bearer token ({@code authorization:
 * {credentials: ...}}) or basic auth ({@code basic_auth: {username, password}}); either or both may be configured, and
 * a request is accepted when it presents one that matches. Basic auth needs both user and password. Port 0 binds a free
 * port (tests).
 */
public record WebSettings(
        String bindAddress,
        int port,
        int maxBodyBytes,
        Optional<Secret> alertmanagerBearerToken,
        Optional<String> alertmanagerBasicUser,
        Optional<Secret> alertmanagerBasicPassword,
        List<Secret> pagerdutySecrets,
        Duration pagerdutyFreshness) {
    public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
    /** Bodies are held in memory whole; PagerDuty drops webhooks over 256 KB anyway. */
    public static final int MAX_MAX_BODY_BYTES = 64 * 1024 * 1024;

    public WebSettings {
        Objects.requireNonNull(bindAddress, "bindAddress");
        if (bindAddress.isBlank()) {
            throw new IllegalArgumentException("web bind address must not be blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("web port " + port + " is outside 0..65535");
        }
        if (maxBodyBytes < 1 || maxBodyBytes > MAX_MAX_BODY_BYTES) {
            throw new IllegalArgumentException("web max body size must be between 1 byte and " + MAX_MAX_BODY_BYTES
                    + " bytes, not " + maxBodyBytes);
        }
        Objects.requireNonNull(alertmanagerBearerToken, "alertmanagerBearerToken");
        Objects.requireNonNull(alertmanagerBasicUser, "alertmanagerBasicUser");
        Objects.requireNonNull(alertmanagerBasicPassword, "alertmanagerBasicPassword");
        if (alertmanagerBasicUser.isPresent() != alertmanagerBasicPassword.isPresent()) {
            throw new IllegalArgumentException(
                    "Alertmanager basic auth needs both a user and a password (only one is configured)");
        }
        alertmanagerBearerToken.ifPresent(token -> requireValue(token, "Alertmanager bearer token"));
        alertmanagerBasicPassword.ifPresent(password -> requireValue(password, "Alertmanager basic auth password"));
        if (alertmanagerBasicUser.isPresent()
                && (alertmanagerBasicUser.get().isBlank()
                        || alertmanagerBasicUser.get().contains(":"))) {
            throw new IllegalArgumentException("Alertmanager basic auth user must be non-blank and without ':'");
        }
        pagerdutySecrets = List.copyOf(pagerdutySecrets);
        pagerdutySecrets.forEach(secret -> requireValue(secret, "PagerDuty signing secret"));
        Objects.requireNonNull(pagerdutyFreshness, "pagerdutyFreshness");
        if (pagerdutyFreshness.isNegative() || pagerdutyFreshness.isZero()) {
            throw new IllegalArgumentException(
                    "PagerDuty freshness window must be positive, not " + pagerdutyFreshness);
        }
    }

    public static WebSettings defaults() {
        return new WebSettings(
                DEFAULT_BIND_ADDRESS,
                DEFAULT_PORT,
                DEFAULT_MAX_BODY_BYTES,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                List.of(),
                FreshnessCheck.DEFAULT_WINDOW);
    }

    public WebSettings withBind(String address, int newPort) {
        return new WebSettings(
                address,
                newPort,
                maxBodyBytes,
                alertmanagerBearerToken,
                alertmanagerBasicUser,
                alertmanagerBasicPassword,
                pagerdutySecrets,
                pagerdutyFreshness);
    }

    public WebSettings withMaxBodyBytes(int bytes) {
        return new WebSettings(
                bindAddress,
                port,
                bytes,
                alertmanagerBearerToken,
                alertmanagerBasicUser,
                alertmanagerBasicPassword,
                pagerdutySecrets,
                pagerdutyFreshness);
    }

    public WebSettings withAlertmanagerBearerToken(Secret token) {
        return new WebSettings(
                bindAddress,
                port,
                maxBodyBytes,
                Optional.of(token),
                alertmanagerBasicUser,
                alertmanagerBasicPassword,
                pagerdutySecrets,
                pagerdutyFreshness);
    }

    public WebSettings withAlertmanagerBasicAuth(String user, Secret password) {
        return new WebSettings(
                bindAddress,
                port,
                maxBodyBytes,
                alertmanagerBearerToken,
                Optional.of(user),
                Optional.of(password),
                pagerdutySecrets,
                pagerdutyFreshness);
    }

    public WebSettings withPagerduty(List<Secret> secrets, Duration freshness) {
        return new WebSettings(
                bindAddress,
                port,
                maxBodyBytes,
                alertmanagerBearerToken,
                alertmanagerBasicUser,
                alertmanagerBasicPassword,
                secrets,
                freshness);
    }

    private static void requireValue(Secret secret, String what) {
        if (secret.reveal().isEmpty()) {
            throw new IllegalArgumentException(what + " '" + secret.name() + "' is empty");
        }
    }
}
