package dev.runbookbot.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.auth.AuthTestResponse;
import com.slack.api.methods.response.bots.BotsInfoResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Learns who the bot is from Slack, so that the two tokens are all a start needs: {@code auth.test} with the bot token
 * gives the workspace ({@code team_id}), the bot user and the bot id; the app id comes from {@code auth.test} when Slack
 * includes it, else from {@code bots.info} for that bot id ({@code bot.app_id}, which needs the {@code users:read}
 * scope). {@code SLACK_TEAM_ID} and {@code SLACK_APP_ID} are optional pins: a pin that disagrees with Slack stops the
 * start, and a pinned app id stands in when {@code bots.info} is not allowed.
 *
 * <p>Before the first call, {@link SlackReachability} makes sure the host resolves and accepts a connection, so that a
 * machine without network is told so at once. Errors are {@link SlackStartupException}s that name the variable or the
 * URL at fault: a token Slack rejects, an HTTP 404 (a wrong {@code SLACK_API_URL}), something that is not Slack.
 */
public final class SlackIdentityLookup {
    private static final Logger LOG = LoggerFactory.getLogger(SlackIdentityLookup.class);
    /** How long a resolver or a connect may take before the host counts as unreachable. */
    static final Duration REACHABILITY_DEADLINE = Duration.ofSeconds(3);

    private final SlackTransport transport;
    private final SlackReachability reachability;

    public SlackIdentityLookup(SlackTransport transport) {
        this(transport, SlackReachability.system(REACHABILITY_DEADLINE));
    }

    SlackIdentityLookup(SlackTransport transport, SlackReachability reachability) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.reachability = Objects.requireNonNull(reachability, "reachability");
    }

    /**
     * Checks the tokens' shape, asks Slack who the bot token belongs to and compares the answer with the pins.
     *
     * @return the settings with the ids Slack gave, which every payload is then checked against
     * @throws SlackStartupException when a token is missing, malformed or rejected, Slack cannot be reached, the URL is
     *     not Slack's Web API, or a pin disagrees with Slack
     */
    public SlackSettings resolve(SlackCredentials credentials) {
        SlackIdentity identity = identify(credentials);
        return credentials.settings(identity.teamId(), identity.appId());
    }

    /** As {@link #resolve}, returning what Slack said. */
    public SlackIdentity identify(SlackCredentials credentials) {
        TokenShape.check(credentials.botToken(), "xoxb-", "bot token (xoxb-...)");
        TokenShape.check(credentials.appToken(), "xapp-", "app-level token (xapp-...)");
        String url = credentials.apiBaseUrl().toString();
        reachability.check(credentials.apiBaseUrl());
        MethodsClient methods = transport.slack().methods(credentials.botToken().reveal());
        AuthTestResponse auth = call(url, "auth.test", credentials, () -> methods.authTest(r -> r));
        if (!auth.isOk()) {
            throw SlackStartupException.rejected(credentials.botToken().name(), "auth.test", auth.getError());
        }
        String teamId = Objects.requireNonNullElse(auth.getTeamId(), "");
        if (teamId.isEmpty()) {
            throw SlackStartupException.notSlack(url, "auth.test", "no team_id");
        }
        Optional<String> pinnedTeam = credentials.pinnedTeamId();
        if (pinnedTeam.isPresent() && !pinnedTeam.get().equals(teamId)) {
            throw SlackStartupException.teamMismatch(credentials.botToken().name(), teamId, pinnedTeam.get());
        }
        String botId = Objects.requireNonNullElse(auth.getBotId(), "");
        String appId = Objects.requireNonNullElse(auth.getAppId(), "");
        if (appId.isEmpty()) {
            appId = appIdOfBot(url, methods, botId, credentials);
        }
        Optional<String> pinnedApp = credentials.pinnedAppId();
        if (pinnedApp.isPresent() && !pinnedApp.get().equals(appId)) {
            throw SlackStartupException.appMismatch(appId, pinnedApp.get());
        }
        String botUserId = Objects.requireNonNullElse(auth.getUserId(), "");
        LOG.info("Slack says the bot is user {} (bot {}) of app {} in team {}", botUserId, botId, appId, teamId);
        return new SlackIdentity(teamId, appId, botUserId, botId);
    }

    private String appIdOfBot(String url, MethodsClient methods, String botId, SlackCredentials credentials) {
        if (botId.isEmpty()) {
            throw SlackStartupException.rejected(
                    credentials.botToken().name(), "auth.test", "no bot_id: it is not a bot token");
        }
        BotsInfoResponse info = call(url, "bots.info", credentials, () -> methods.botsInfo(r -> r.bot(botId)));
        if (info.isOk() && info.getBot() != null && info.getBot().getAppId() != null) {
            return info.getBot().getAppId();
        }
        String error = info.isOk() ? "no app_id" : info.getError();
        if (credentials.pinnedAppId().isPresent()) {
            LOG.warn(
                    "bots.info answered {}, so the app id cannot be checked against Slack; using SLACK_APP_ID {}",
                    error,
                    credentials.pinnedAppId().get());
            return credentials.pinnedAppId().get();
        }
        throw SlackStartupException.appIdUnknown(error);
    }

    private interface SlackCall<T> {
        T call() throws IOException, SlackApiException;
    }

    private static <T> T call(String url, String method, SlackCredentials credentials, SlackCall<T> call) {
        try {
            return call.call();
        } catch (IOException e) {
            throw SlackStartupException.unreachable(url, e);
        } catch (SlackApiException e) {
            int status = e.getResponse().code();
            if (status == 404) {
                throw SlackStartupException.wrongUrl(url, method, status);
            }
            if (status == 401 || status == 403) {
                throw SlackStartupException.rejected(credentials.botToken().name(), method, "HTTP " + status);
            }
            throw SlackStartupException.notSlack(url, method, "HTTP " + status);
        } catch (RuntimeException e) {
            // the SDK fails to parse a body that is not Slack's JSON (an HTML page, a proxy's answer)
            throw SlackStartupException.notSlack(url, method, "a body that is not Slack's JSON");
        }
    }
}
