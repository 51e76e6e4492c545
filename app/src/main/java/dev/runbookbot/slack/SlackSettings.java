package dev.runbookbot.slack;

import dev.runbookbot.secrets.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * What the Slack adapter needs to know, as read by {@code config} at start-up.
 *
 * <p>The tokens are {@link Secret}s named after the environment variable they came from ({@code SLACK_BOT_TOKEN},
 * {@code SLACK_APP_TOKEN}); an unset variable arrives as an empty secret, and {@link SlackConnection#start()} reports it
 * by that name. The Web API base URL defaults to Slack's own; GovSlack workspaces and the tests point it elsewhere. The
 * expected team id and {@code api_app_id} are compared with every incoming payload.
 *
 * @param botToken the bot token ({@code xoxb-...}) used for Web API calls
 * @param appToken the app-level token ({@code xapp-...}) with {@code connections:write}, used to open Socket Mode
 * @param apiBaseUrl the Web API base URL, ending in {@code /}; a missing trailing slash is added
 * @param expectedTeamId the workspace id ({@code T...}) this installation serves
 * @param expectedApiAppId the Slack app id ({@code A...}) this installation is
 * @param httpCallTimeout the upper bound for one Web API call, connect to last byte
 */
public record SlackSettings(
        Secret botToken,
        Secret appToken,
        URI apiBaseUrl,
        String expectedTeamId,
        String expectedApiAppId,
        Duration httpCallTimeout) {

    /** Slack's own Web API. */
    public static final URI DEFAULT_API_BASE_URL = URI.create("https://slack.com/api/");

    /** Long enough for a slow {@code chat.postMessage}, short enough that a hung call cannot pin a worker. */
    public static final Duration DEFAULT_HTTP_CALL_TIMEOUT = Duration.ofSeconds(10);

    public SlackSettings {
        Objects.requireNonNull(botToken, "botToken");
        Objects.requireNonNull(appToken, "appToken");
        Objects.requireNonNull(apiBaseUrl, "apiBaseUrl");
        Objects.requireNonNull(expectedTeamId, "expectedTeamId");
        Objects.requireNonNull(expectedApiAppId, "expectedApiAppId");
        Objects.requireNonNull(httpCallTimeout, "httpCallTimeout");
        if (expectedTeamId.isBlank() || expectedApiAppId.isBlank()) {
            throw new IllegalArgumentException("the expected Slack team id (T...) and app id (A...) must not be blank:"
                    + " every payload is checked against them");
        }
        apiBaseUrl = checkedApiBaseUrl(apiBaseUrl);
        if (httpCallTimeout.isNegative()
                || httpCallTimeout.isZero()
                || httpCallTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Slack HTTP call timeout must be positive, got " + httpCallTimeout);
        }
    }

    /**
     * The Web API base URL, checked: http(s) with a host, ending in {@code /}.
     *
     * @throws IllegalArgumentException naming what is wrong with it
     */
    static URI checkedApiBaseUrl(URI apiBaseUrl) {
        String scheme =
                apiBaseUrl.getScheme() == null ? "" : apiBaseUrl.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new IllegalArgumentException("Slack API base URL must be an http(s) URL such as "
                    + DEFAULT_API_BASE_URL + ", got " + apiBaseUrl);
        }
        if (apiBaseUrl.getHost() == null) {
            throw new IllegalArgumentException("Slack API base URL has no host: " + apiBaseUrl);
        }
        return apiBaseUrl.toString().endsWith("/") ? apiBaseUrl : URI.create(apiBaseUrl + "/");
    }

    /** Settings for Slack's own Web API with the default call timeout. */
    public static SlackSettings of(Secret botToken, Secret appToken, String expectedTeamId, String expectedApiAppId) {
        return new SlackSettings(
                botToken, appToken, DEFAULT_API_BASE_URL, expectedTeamId, expectedApiAppId, DEFAULT_HTTP_CALL_TIMEOUT);
    }

    /** The same settings with another Web API base URL (GovSlack, or a fake Slack in tests). */
    public SlackSettings withApiBaseUrl(URI url) {
        return new SlackSettings(botToken, appToken, url, expectedTeamId, expectedApiAppId, httpCallTimeout);
    }
}
