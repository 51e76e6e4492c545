package dev.runbookbot.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Socket Mode frames shaped like Slack's: {@code hello}, and the envelopes of a slash command ({@code
 * slash_commands}), a button click ({@code interactive} / {@code block_actions}, with the {@code container} and {@code
 * message} the click came from) and the Home tab being opened ({@code events_api} / {@code app_home_opened}).
 */
final class Envelopes {
    private final ObjectMapper json;

    Envelopes(ObjectMapper json) {
        this.json = json;
    }

    ObjectNode hello(int connections) {
        ObjectNode hello = json.createObjectNode().put("type", "hello").put("num_connections", connections);
        hello.putObject("connection_info").put("app_id", WorkspaceWorld.APP_ID);
        hello.putObject("debug_info").put("host", "local-workspace");
        return hello;
    }

    ObjectNode slashCommand(
            String envelopeId, LocalPerson person, String channelId, String channelName, String text, String hook) {
        ObjectNode p = json.createObjectNode()
                .put("token", "local")
                .put("team_id", WorkspaceWorld.TEAM_ID)
                .put("team_domain", WorkspaceWorld.TEAM_DOMAIN)
                .put("channel_id", channelId)
                .put("channel_name", channelName)
                .put("user_id", person.id())
                .put("user_name", person.name())
                .put("command", "/runbook")
                .put("text", text)
                .put("api_app_id", WorkspaceWorld.APP_ID)
                .put("is_enterprise_install", false)
                .put("response_url", hook)
                .put("trigger_id", envelopeId + ".trigger");
        return envelope(envelopeId, "slash_commands", p);
    }

    ObjectNode blockActions(
            String envelopeId,
            LocalPerson person,
            WorkspaceMessage message,
            String channelName,
            JsonNode button,
            String blockId,
            String hook,
            String actionTs) {
        ObjectNode p = json.createObjectNode().put("type", "block_actions");
        p.putObject("user")
                .put("id", person.id())
                .put("username", person.name())
                .put("name", person.name())
                .put("team_id", WorkspaceWorld.TEAM_ID);
        p.put("api_app_id", WorkspaceWorld.APP_ID).put("token", "local");
        ObjectNode container = p.putObject("container")
                .put("type", "message")
                .put("message_ts", message.ts())
                .put("channel_id", message.channelId())
                .put("is_ephemeral", message.visibleTo() != null);
        if (message.threadTs() != null) {
            container.put("thread_ts", message.threadTs());
        }
        p.put("trigger_id", envelopeId + ".trigger");
        p.putObject("team").put("id", WorkspaceWorld.TEAM_ID).put("domain", WorkspaceWorld.TEAM_DOMAIN);
        p.putNull("enterprise");
        p.put("is_enterprise_install", false);
        p.putObject("channel").put("id", message.channelId()).put("name", channelName);
        ObjectNode m = p.putObject("message")
                .put("type", "message")
                .put("user", message.userId())
                .put("bot_id", WorkspaceWorld.BOT_ID)
                .put("ts", message.ts())
                .put("text", message.text() == null ? "" : message.text());
        if (message.threadTs() != null) {
            m.put("thread_ts", message.threadTs());
        }
        m.set("blocks", message.blocks());
        p.putObject("state").putObject("values");
        p.put("response_url", hook);
        ObjectNode action = p.putArray("actions").addObject();
        action.put("action_id", button.path("action_id").asText())
                .put("block_id", blockId)
                .put("value", button.path("value").asText(""))
                .put("type", "button")
                .put("action_ts", actionTs);
        action.set("text", button.path("text"));
        if (button.has("style")) {
            action.put("style", button.path("style").asText());
        }
        return envelope(envelopeId, "interactive", p);
    }

    ObjectNode appHomeOpened(String envelopeId, LocalPerson person, String eventTs) {
        ObjectNode p = json.createObjectNode()
                .put("token", "local")
                .put("team_id", WorkspaceWorld.TEAM_ID)
                .put("api_app_id", WorkspaceWorld.APP_ID)
                .put("type", "event_callback")
                .put("event_id", "Ev" + envelopeId)
                .put("event_time", (long) Double.parseDouble(eventTs))
                .put("is_ext_shared_channel", false);
        p.putObject("event")
                .put("type", "app_home_opened")
                .put("user", person.id())
                .put("channel", "D" + person.id())
                .put("tab", "home")
                .put("event_ts", eventTs);
        p.putArray("authorizations")
                .addObject()
                .putNull("enterprise_id")
                .put("team_id", WorkspaceWorld.TEAM_ID)
                .put("user_id", WorkspaceWorld.BOT_USER_ID)
                .put("is_bot", true)
                .put("is_enterprise_install", false);
        return envelope(envelopeId, "events_api", p);
    }

    private ObjectNode envelope(String envelopeId, String type, ObjectNode payload) {
        ObjectNode e = json.createObjectNode().put("envelope_id", envelopeId).put("type", type);
        e.set("payload", payload);
        e.put("accepts_response_payload", type.equals("slash_commands"));
        if (type.equals("events_api")) {
            e.put("retry_attempt", 0).put("retry_reason", "");
        }
        return e;
    }
}
