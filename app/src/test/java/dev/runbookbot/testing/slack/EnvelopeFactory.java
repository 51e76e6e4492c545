package dev.runbookbot.testing.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Builds Socket Mode frames as JSON objects shaped like Slack's: the envelopes of {@code slash_commands}, {@code
 * interactive} ({@code block_actions}) and {@code events_api} ({@code app_home_opened}), and the {@code hello} and
 * {@code disconnect} frames. Key names and nesting follow the fixtures in {@code app/src/test/resources/fixtures/slack-socket-mode}
 * ({@code java-slack-sdk.*.envelope.json}, {@code bolt-python.events_api.app_home_opened.payload.json}), with the
 * optional keys of the all-keys samples that real Slack sends (enterprise, {@code is_enterprise_install}).
 * {@code EnvelopeShapeTest} holds the fake to that. Stateless apart from the mapper; values come in as arguments.
 */
final class EnvelopeFactory {
    /** The legacy verification token Slack still puts in payloads; Socket Mode does not use it. */
    static final String VERIFICATION_TOKEN = "fake-verification-token";

    private final ObjectMapper json;

    EnvelopeFactory(ObjectMapper json) {
        this.json = json;
    }

    ObjectNode hello(int numConnections, String appId) {
        ObjectNode hello = json.createObjectNode().put("type", "hello").put("num_connections", numConnections);
        hello.putObject("debug_info")
                .put("host", "applink-fake")
                .put("build_number", 1)
                .put("approximate_connection_time", 18060);
        hello.putObject("connection_info").put("app_id", appId);
        return hello;
    }

    ObjectNode disconnect(String reason) {
        ObjectNode frame = json.createObjectNode().put("type", "disconnect").put("reason", reason);
        frame.putObject("debug_info").put("host", "applink-fake");
        return frame;
    }

    ObjectNode slashCommand(
            String envelopeId,
            Identity as,
            FakeUser user,
            FakeChannel channel,
            String command,
            String text,
            String responseUrl,
            String triggerId) {
        ObjectNode p = json.createObjectNode()
                .put("token", VERIFICATION_TOKEN)
                .put("team_id", as.teamId())
                .put("team_domain", as.teamDomain());
        if (as.enterpriseId() != null) {
            p.put("enterprise_id", as.enterpriseId()).put("enterprise_name", as.teamDomain() + "-org");
        }
        p.put("channel_id", channel.id())
                .put("channel_name", channel.name())
                .put("user_id", user.id())
                .put("user_name", user.name())
                .put("command", command)
                .put("text", text)
                .put("api_app_id", as.apiAppId())
                .put("is_enterprise_install", false)
                .put("response_url", responseUrl)
                .put("trigger_id", triggerId);
        return envelope(envelopeId, "slash_commands", p, true);
    }

    /**
     * A {@code block_actions} click on {@code button} (an element of block {@code blockId}) of {@code message}, which
     * the fake stored when the bot posted it.
     */
    ObjectNode blockActions(
            String envelopeId,
            Identity as,
            FakeUser user,
            FakeChannel channel,
            PostedMessage message,
            String blockId,
            JsonNode button,
            String responseUrl,
            String triggerId,
            String actionTs) {
        ObjectNode p = json.createObjectNode().put("type", "block_actions");
        p.putObject("user")
                .put("id", user.id())
                .put("username", user.name())
                .put("name", user.name())
                .put("team_id", user.teamId());
        p.put("api_app_id", as.apiAppId()).put("token", VERIFICATION_TOKEN);
        ObjectNode container = p.putObject("container")
                .put("type", "message")
                .put("message_ts", message.ts())
                .put("channel_id", message.channel())
                .put("is_ephemeral", false);
        if (message.threadTs() != null) {
            container.put("thread_ts", message.threadTs());
        }
        p.put("trigger_id", triggerId);
        ObjectNode team = p.putObject("team").put("id", as.teamId()).put("domain", as.teamDomain());
        if (as.enterpriseId() == null) {
            p.putNull("enterprise");
        } else {
            team.put("enterprise_id", as.enterpriseId());
            p.putObject("enterprise").put("id", as.enterpriseId()).put("name", as.teamDomain() + "-org");
        }
        p.put("is_enterprise_install", false);
        p.putObject("channel").put("id", channel.id()).put("name", channel.name());
        ObjectNode m = p.putObject("message");
        if (message.botId() != null) {
            m.put("bot_id", message.botId());
        }
        m.put("type", "message")
                .put("text", message.text())
                .put("user", message.userId())
                .put("ts", message.ts());
        if (message.threadTs() != null) {
            m.put("thread_ts", message.threadTs());
        }
        m.put("team", as.teamId());
        m.set("blocks", message.blocks());
        p.put("response_url", responseUrl);
        ObjectNode action = p.putArray("actions").addObject();
        action.put("action_id", button.path("action_id").asText()).put("block_id", blockId);
        action.set("text", button.path("text").deepCopy());
        if (button.has("value")) {
            action.put("value", button.get("value").asText());
        }
        if (button.has("style")) {
            action.put("style", button.get("style").asText());
        }
        action.put("type", "button").put("action_ts", actionTs);
        return envelope(envelopeId, "interactive", p, false);
    }

    ObjectNode appHomeOpened(
            String envelopeId,
            Identity as,
            String userId,
            String dmChannelId,
            String botUserId,
            String eventId,
            long eventTime,
            String eventTs,
            ObjectNode homeView) {
        ObjectNode p = json.createObjectNode().put("token", VERIFICATION_TOKEN).put("team_id", as.teamId());
        if (as.enterpriseId() != null) {
            p.put("enterprise_id", as.enterpriseId());
        }
        p.put("api_app_id", as.apiAppId());
        ObjectNode event = p.putObject("event")
                .put("type", "app_home_opened")
                .put("user", userId)
                .put("channel", dmChannelId)
                .put("tab", "home")
                .put("event_ts", eventTs);
        if (homeView != null) {
            event.set("view", homeView.deepCopy());
        }
        p.put("type", "event_callback").put("event_id", eventId).put("event_time", eventTime);
        ArrayNode authorizations = p.putArray("authorizations");
        ObjectNode auth = authorizations.addObject();
        if (as.enterpriseId() == null) {
            auth.putNull("enterprise_id");
        } else {
            auth.put("enterprise_id", as.enterpriseId());
        }
        auth.put("team_id", as.teamId())
                .put("user_id", botUserId)
                .put("is_bot", true)
                .put("is_enterprise_install", false);
        p.put("is_ext_shared_channel", false);
        ObjectNode envelope = envelope(envelopeId, "events_api", p, false);
        envelope.put("retry_attempt", 0).put("retry_reason", "");
        return envelope;
    }

    private ObjectNode envelope(String envelopeId, String type, ObjectNode payload, boolean acceptsResponsePayload) {
        ObjectNode envelope = json.createObjectNode().put("envelope_id", envelopeId);
        envelope.set("payload", payload);
        envelope.put("type", type).put("accepts_response_payload", acceptsResponsePayload);
        return envelope;
    }
}
