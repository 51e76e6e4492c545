package dev.runbookbot.remediate.escalate;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Where and how the bot pages through PagerDuty's Events API v2: the API's base URL ({@value #DEFAULT_BASE_URL} unless
 * configured; events are posted to {@code <base>/v2/enqueue}), the name of the secret holding the integration's
 * routing key (never the key itself), the deadline of one call, and how often a call that failed in a way a retry can
 * fix (HTTP 429 or 5xx, no answer) is tried in all, with the pause before each retry growing linearly. Retrying is safe:
 * an event with the same {@code dedup_key} joins the open alert.
 */
public record PagerDutyEventsSettings(
        URI baseUrl, String routingKeySecret, Duration timeout, int maxAttempts, Duration retryPause) {
    public static final String DEFAULT_BASE_URL = "https://events.pagerduty.com";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    public static final Duration DEFAULT_RETRY_PAUSE = Duration.ofSeconds(1);

    public PagerDutyEventsSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        String scheme = baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || baseUrl.getHost() == null) {
            throw new IllegalArgumentException(
                    "the PagerDuty Events API URL must be an absolute http(s) URL, not '" + baseUrl + "'");
        }
        if (baseUrl.getRawQuery() != null || baseUrl.getRawUserInfo() != null) {
            throw new IllegalArgumentException(
                    "the PagerDuty Events API URL must have no query and no user info; the routing key is a secret");
        }
        Objects.requireNonNull(routingKeySecret, "routingKeySecret");
        if (routingKeySecret.isBlank()) {
            throw new IllegalArgumentException("the name of the PagerDuty routing key secret must not be blank");
        }
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the PagerDuty call timeout must be positive, not " + timeout);
        }
        if (maxAttempts < 1 || maxAttempts > 10) {
            throw new IllegalArgumentException("PagerDuty attempts must be between 1 and 10, not " + maxAttempts);
        }
        Objects.requireNonNull(retryPause, "retryPause");
        if (retryPause.isNegative()) {
            throw new IllegalArgumentException("the pause between PagerDuty attempts must not be negative");
        }
    }

    /** The defaults, paging with the routing key in the secret {@code routingKeySecret}. */
    public static PagerDutyEventsSettings of(String routingKeySecret) {
        return new PagerDutyEventsSettings(
                URI.create(DEFAULT_BASE_URL),
                routingKeySecret,
                DEFAULT_TIMEOUT,
                DEFAULT_MAX_ATTEMPTS,
                DEFAULT_RETRY_PAUSE);
    }

    public PagerDutyEventsSettings withBaseUrl(URI url) {
        return new PagerDutyEventsSettings(url, routingKeySecret, timeout, maxAttempts, retryPause);
    }

    public PagerDutyEventsSettings withRetries(int attempts, Duration pause) {
        return new PagerDutyEventsSettings(baseUrl, routingKeySecret, timeout, attempts, pause);
    }
}
