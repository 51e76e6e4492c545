package dev.runbookbot.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import java.net.URI;
import java.time.Duration;

/**
 * The one configured Slack SDK instance: its HTTP client and settings, shared by the Socket Mode connection and the Web
 * API wrapper.
 *
 * <p>It points every Web API call, {@code apps.connections.open} included, at {@link SlackSettings#apiBaseUrl()},
 * turns the SDK's metrics off (they add a hidden {@code auth.test} per token and start threads), and bounds every call
 * by {@link SlackSettings#httpCallTimeout()}. Closing it releases the SDK's HTTP client and threads. Thread-safe.
 */
public final class SlackTransport implements AutoCloseable {
    private final Slack slack;

    public SlackTransport(SlackSettings settings) {
        this(settings.apiBaseUrl(), settings.httpCallTimeout());
    }

    /** A transport for the Web API at {@code apiBaseUrl} (ending in {@code /}), every call bounded by the timeout. */
    public SlackTransport(URI apiBaseUrl, Duration httpCallTimeout) {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(apiBaseUrl.toString());
        config.setStatsEnabled(false);
        int millis = Math.toIntExact(httpCallTimeout.toMillis());
        config.setHttpClientCallTimeoutMillis(millis);
        config.setHttpClientReadTimeoutMillis(millis);
        config.setHttpClientWriteTimeoutMillis(millis);
        this.slack = Slack.getInstance(config);
    }

    Slack slack() {
        return slack;
    }

    @Override
    public void close() {
        try {
            slack.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing the Slack SDK failed: " + e.getMessage(), e);
        }
    }
}
