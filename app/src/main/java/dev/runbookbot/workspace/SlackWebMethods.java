package dev.runbookbot.workspace;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Optional;

/**
 * The Slack Web API methods the bot calls, answered from the {@link WorkspaceWorld} the way Slack answers them
 * ({@code {"ok": true, ...}} or {@code {"ok": false, "error": "..."}}): {@code auth.test}, {@code bots.info}, {@code
 * apps.connections.open}, {@code chat.postMessage}, {@code chat.update}, {@code chat.postEphemeral}, {@code
 * chat.getPermalink}, {@code views.publish}, {@code conversations.info}, {@code conversations.join}, {@code
 * users.info}, {@code usergroups.users.list} and {@code reactions.add}. Messages and views must pass {@link
 * BlockKitLimits}.
 */
final class SlackWebMethods {
    static final String BOT_SCOPES = "chat:write,commands,usergroups:read,channels:read,groups:read";

    /** Who called: the bot token, the app-level token, or neither. */
    enum Caller {
        BOT,
        APP,
        NOBODY
    }

    private final WorkspaceWorld world;
    private final ObjectMapper json;
    private final String webBase;
    private final java.util.function.Supplier<String> socketUrl;

    SlackWebMethods(
            WorkspaceWorld world, ObjectMapper json, String webBase, java.util.function.Supplier<String> socketUrl) {
        this.world = world;
        this.json = json;
        this.webBase = webBase;
        this.socketUrl = socketUrl;
    }

    ObjectNode call(String method, Caller caller, Map<String, String> p) {
        if (caller == Caller.NOBODY) {
            return error("invalid_auth");
        }
        if (method.equals("apps.connections.open") != (caller == Caller.APP) && !method.equals("auth.test")) {
            return error("not_allowed_token_type");
        }
        return switch (method) {
            case "auth.test" -> authTest(caller);
            case "bots.info" -> botsInfo();
            case "apps.connections.open" -> ok().put("url", socketUrl.get());
            case "chat.postMessage" -> postMessage(p);
            case "chat.update" -> update(p);
            case "chat.postEphemeral" -> postEphemeral(p);
            case "chat.getPermalink" -> permalink(p);
            case "views.publish" -> publish(p);
            case "conversations.info" -> conversationInfo(p);
            case "conversations.join", "reactions.add" -> ok();
            case "users.info" -> userInfo(p);
            case "usergroups.users.list" -> groupUsers(p);
            default -> error("unknown_method");
        };
    }

    private ObjectNode authTest(Caller caller) {
        ObjectNode body = ok().put("url", webBase)
                .put("team", WorkspaceWorld.TEAM_DOMAIN)
                .put("user", "runbook-bot")
                .put("team_id", WorkspaceWorld.TEAM_ID)
                .put("user_id", WorkspaceWorld.BOT_USER_ID)
                .put("is_enterprise_install", false);
        if (caller == Caller.BOT) {
            body.put("bot_id", WorkspaceWorld.BOT_ID);
        } else {
            body.put("app_id", WorkspaceWorld.APP_ID);
        }
        return body;
    }

    private ObjectNode botsInfo() {
        ObjectNode body = ok();
        body.putObject("bot")
                .put("id", WorkspaceWorld.BOT_ID)
                .put("app_id", WorkspaceWorld.APP_ID)
                .put("user_id", WorkspaceWorld.BOT_USER_ID)
                .put("name", "runbook-bot")
                .put("deleted", false);
        return body;
    }

    /** The parts of a message a {@code chat.*} call carries, read and checked as Slack checks them. */
    private record MessageCall(String channel, Optional<String> thread, String text, JsonNode blocks) {}

    /** The message {@code p} carries, or the error Slack answers: unknown channel, unknown user, bad blocks. */
    private sealed interface Checked permits Accepted, Refused {}

    private record Accepted(MessageCall message) implements Checked {}

    private record Refused(ObjectNode error) implements Checked {}

    private Checked message(Map<String, String> p, boolean toOnePerson) {
        Optional<String> channel = world.resolveChannel(p.get("channel"));
        if (channel.isEmpty()) {
            return new Refused(error("channel_not_found"));
        }
        if (toOnePerson && world.person(p.getOrDefault("user", "")).isEmpty()) {
            return new Refused(error("user_not_in_channel"));
        }
        JsonNode blocks;
        try {
            blocks = blocks(p);
        } catch (JsonProcessingException e) {
            return new Refused(error("invalid_blocks_format"));
        }
        String text = p.getOrDefault("text", "");
        Optional<String> breach = BlockKitLimits.checkMessage(text, blocks);
        if (breach.isPresent()) {
            return new Refused(error(breach.get()));
        }
        Optional<String> thread = Optional.ofNullable(p.get("thread_ts")).filter(t -> !blank(t));
        return new Accepted(new MessageCall(channel.get(), thread, text, blocks));
    }

    private ObjectNode postMessage(Map<String, String> p) {
        Checked checked = message(p, false);
        if (checked instanceof Refused refused) {
            return refused.error();
        }
        MessageCall m = ((Accepted) checked).message();
        if (m.text().isEmpty() && m.blocks().isEmpty()) {
            return error("no_text");
        }
        WorkspaceMessage posted =
                world.post(m.channel(), m.thread().orElse(null), WorkspaceWorld.BOT_USER_ID, m.text(), m.blocks());
        ObjectNode body = ok().put("channel", posted.channelId()).put("ts", posted.ts());
        body.putObject("message").put("text", m.text()).put("ts", posted.ts()).put("bot_id", WorkspaceWorld.BOT_ID);
        return body;
    }

    private ObjectNode update(Map<String, String> p) {
        Checked checked = message(p, false);
        if (checked instanceof Refused refused) {
            return refused.error();
        }
        MessageCall m = ((Accepted) checked).message();
        return world.update(m.channel(), p.getOrDefault("ts", ""), m.text(), m.blocks())
                .map(updated -> ok().put("channel", updated.channelId())
                        .put("ts", updated.ts())
                        .put("text", m.text()))
                .orElseGet(() -> error("message_not_found"));
    }

    private ObjectNode postEphemeral(Map<String, String> p) {
        Checked checked = message(p, true);
        if (checked instanceof Refused refused) {
            return refused.error();
        }
        MessageCall m = ((Accepted) checked).message();
        WorkspaceMessage posted =
                world.postEphemeral(m.channel(), m.thread().orElse(null), p.get("user"), m.text(), m.blocks());
        return ok().put("message_ts", posted.ts());
    }

    private ObjectNode permalink(Map<String, String> p) {
        String channel = p.getOrDefault("channel", "");
        String ts = p.getOrDefault("message_ts", "");
        if (world.message(channel, ts).isEmpty()) {
            return error("message_not_found");
        }
        return ok().put("channel", channel).put("permalink", webBase + "#" + channel + "/" + ts);
    }

    private ObjectNode publish(Map<String, String> p) {
        String user = p.getOrDefault("user_id", "");
        if (world.person(user).isEmpty()) {
            return error("user_not_found");
        }
        JsonNode view;
        try {
            view = json.readTree(p.getOrDefault("view", ""));
        } catch (JsonProcessingException e) {
            return error("invalid_arguments");
        }
        Optional<String> breach = BlockKitLimits.checkView(view);
        if (breach.isPresent()) {
            return error(breach.get());
        }
        world.publishHome(user, view);
        ObjectNode body = ok();
        body.set("view", view);
        return body;
    }

    private ObjectNode conversationInfo(Map<String, String> p) {
        String id = p.getOrDefault("channel", "");
        if (!world.channels().containsKey(id)) {
            return error("channel_not_found");
        }
        ObjectNode body = ok();
        body.putObject("channel")
                .put("id", id)
                .put("name", world.channelName(id))
                .put("is_channel", true)
                .put("is_private", false)
                .put("is_member", true)
                .put("is_archived", false);
        return body;
    }

    private ObjectNode userInfo(Map<String, String> p) {
        return world.person(p.getOrDefault("user", ""))
                .map(person -> {
                    ObjectNode body = ok();
                    ObjectNode u = body.putObject("user")
                            .put("id", person.id())
                            .put("team_id", WorkspaceWorld.TEAM_ID)
                            .put("name", person.name())
                            .put("real_name", person.realName())
                            .put("is_bot", false)
                            .put("deleted", false);
                    u.putObject("profile").put("real_name", person.realName()).put("display_name", person.name());
                    return body;
                })
                .orElseGet(() -> error("user_not_found"));
    }

    private ObjectNode groupUsers(Map<String, String> p) {
        if (!LocalWorkspace.APPROVERS_GROUP.equals(p.get("usergroup"))) {
            return error("no_such_subteam");
        }
        ObjectNode body = ok();
        world.approvers().forEach(body.putArray("users")::add);
        return body;
    }

    private JsonNode blocks(Map<String, String> p) throws JsonProcessingException {
        String raw = p.get("blocks");
        JsonNode blocks = blank(raw) ? json.createArrayNode() : json.readTree(raw);
        int index = 0;
        for (JsonNode block : blocks) { // Slack gives every block without one an id of its own
            if (block.isObject() && !block.hasNonNull("block_id")) {
                ((ObjectNode) block).put("block_id", "b" + index);
            }
            index++;
        }
        return blocks;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private ObjectNode ok() {
        return json.createObjectNode().put("ok", true);
    }

    private ObjectNode error(String error) {
        int colon = error.indexOf(": ");
        ObjectNode body = json.createObjectNode().put("ok", false);
        if (colon < 0) {
            return body.put("error", error);
        }
        body.put("error", error.substring(0, colon));
        body.putArray("errors").add(error.substring(colon + 2));
        return body;
    }
}
