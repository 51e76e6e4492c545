package dev.runbookbot.testing.slack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What each Web API method of the fake does to the world, following Slack's method documentation: argument handling,
 * the documented error codes ({@code channel_not_found}, {@code not_in_channel}, {@code message_not_found},
 * {@code cant_update_message}, {@code user_not_found}, {@code no_such_subteam}...), and the answer's JSON. Called with
 * the world's monitor held, after the token was checked.
 */
final class WebApiMethods {
    /** The methods the fake implements; anything else is {@code unknown_method}. */
    static final Set<String> METHODS = Set.of(
            "auth.test",
            "bots.info",
            "apps.connections.open",
            "chat.postMessage",
            "chat.update",
            "chat.postEphemeral",
            "chat.getPermalink",
            "views.publish",
            "views.open",
            "views.update",
            "conversations.info",
            "conversations.join",
            "conversations.open",
            "users.info",
            "usergroups.users.list",
            "reactions.add");

    /** The scopes the fake says the bot token has (header {@code x-oauth-scopes}). */
    static final String BOT_SCOPES = "chat:write,commands,usergroups:read,channels:read,groups:read,users:read";

    private final SlackWorld world;
    private final BlockKitValidator validator = new BlockKitValidator();
    private final String httpBase;
    private final String wsBase;

    WebApiMethods(SlackWorld world, String httpBase, String wsBase) {
        this.world = world;
        this.httpBase = httpBase;
        this.wsBase = wsBase;
    }

    /** {@code app} for methods that take only the app-level token, {@code any} for both, else {@code bot}. */
    static String tokenKindFor(String method) {
        return switch (method) {
            case "apps.connections.open" -> "app";
            case "auth.test" -> "any";
            default -> "bot";
        };
    }

    WebApiAnswer call(String method, String tokenKind, ObjectNode p) {
        return switch (method) {
            case "auth.test" -> authTest(tokenKind);
            case "bots.info" -> botsInfo(p);
            case "apps.connections.open" -> connectionsOpen();
            case "chat.postMessage" -> postMessage(p);
            case "chat.update" -> update(p);
            case "chat.postEphemeral" -> postEphemeral(p);
            case "chat.getPermalink" -> permalink(p);
            case "views.publish" -> viewsPublish(p);
            case "views.open" -> viewsOpen(p);
            case "views.update" -> viewsUpdate(p);
            case "conversations.info" -> conversationsInfo(p);
            case "conversations.join" -> conversationsJoin(p);
            case "conversations.open" -> conversationsOpen(p);
            case "users.info" -> usersInfo(p);
            case "usergroups.users.list" -> usergroupUsers(p);
            case "reactions.add" -> reactionsAdd(p);
            default -> error("unknown_method");
        };
    }

    private WebApiAnswer authTest(String tokenKind) {
        ObjectNode body = ok().put("url", httpBase + "/")
                .put("team", world.home.teamDomain())
                .put("user", "runbook-bot")
                .put("team_id", world.home.teamId())
                .put("user_id", world.botUserId);
        if (tokenKind.equals("bot")) {
            body.put("bot_id", world.botId);
        } else {
            body.put("app_id", world.home.apiAppId());
        }
        body.put("is_enterprise_install", false);
        String scopes = tokenKind.equals("bot") ? BOT_SCOPES : "connections:write";
        return WebApiAnswer.of(body).withHeader("x-oauth-scopes", scopes);
    }

    /** As Slack documents {@code bots.info}: the bot's id, name, app and bot user; {@code bot_not_found} otherwise. */
    private WebApiAnswer botsInfo(ObjectNode p) {
        String bot = text(p, "bot");
        if (bot == null || !bot.equals(world.botId)) {
            return error("bot_not_found");
        }
        ObjectNode body = ok();
        body.putObject("bot")
                .put("id", world.botId)
                .put("deleted", false)
                .put("name", "runbook-bot")
                .put("updated", 1_700_000_000L)
                .put("app_id", world.home.apiAppId())
                .put("user_id", world.botUserId);
        return WebApiAnswer.of(body);
    }

    private WebApiAnswer connectionsOpen() {
        String ticket = world.newTicket();
        return WebApiAnswer.of(
                ok().put("url", wsBase + "/link/?ticket=" + ticket + "&app_id=" + world.home.apiAppId()));
    }

    private WebApiAnswer postMessage(ObjectNode p) {
        String channelId = text(p, "channel");
        String problem = postingProblem(channelId);
        if (problem != null) {
            return error(problem);
        }
        ArrayNode blocks;
        try {
            blocks = blocks(p);
        } catch (JsonProcessingException e) {
            return error("invalid_blocks_format");
        }
        String text = text(p, "text");
        if ((text == null || text.isEmpty()) && blocks.isEmpty()) {
            return error("no_text");
        }
        WebApiAnswer invalid = checkBlocks(blocks, 50, "");
        if (invalid != null) {
            return invalid;
        }
        String ts = world.nextTs();
        PostedMessage m = new PostedMessage(
                channelId,
                ts,
                text(p, "thread_ts"),
                truncate(text == null ? "" : text),
                withBlockIds(blocks),
                flag(p, "unfurl_links"),
                flag(p, "unfurl_media"),
                world.botUserId,
                world.botId,
                1);
        store(m);
        ObjectNode body = ok().put("channel", channelId).put("ts", ts);
        body.set("message", messageJson(m));
        return WebApiAnswer.of(body);
    }

    private WebApiAnswer update(ObjectNode p) {
        String channelId = text(p, "channel");
        String ts = text(p, "ts");
        PostedMessage old = ts == null ? null : world.messages.get(ts);
        if (old == null || !old.channel().equals(channelId)) {
            return error("message_not_found");
        }
        if (!old.byBot()) {
            return error("cant_update_message");
        }
        ArrayNode blocks;
        try {
            blocks = p.has("blocks") ? blocks(p) : old.blocks();
        } catch (JsonProcessingException e) {
            return error("invalid_blocks_format");
        }
        WebApiAnswer invalid = checkBlocks(blocks, 50, "");
        if (invalid != null) {
            return invalid;
        }
        String text = p.has("text") ? truncate(text(p, "text")) : old.text();
        PostedMessage m = new PostedMessage(
                old.channel(),
                old.ts(),
                old.threadTs(),
                text,
                withBlockIds(blocks),
                old.unfurlLinks(),
                old.unfurlMedia(),
                old.userId(),
                old.botId(),
                old.version() + 1);
        store(m);
        ObjectNode body = ok().put("channel", channelId).put("ts", ts).put("text", text);
        body.set("message", messageJson(m));
        return WebApiAnswer.of(body);
    }

    private WebApiAnswer postEphemeral(ObjectNode p) {
        String channelId = text(p, "channel");
        String problem = postingProblem(channelId);
        if (problem != null) {
            return error(problem);
        }
        String userId = text(p, "user");
        if (userId == null || !world.users.containsKey(userId)) {
            return error("user_not_found");
        }
        ArrayNode blocks;
        try {
            blocks = blocks(p);
        } catch (JsonProcessingException e) {
            return error("invalid_blocks_format");
        }
        String text = text(p, "text");
        if ((text == null || text.isEmpty()) && blocks.isEmpty()) {
            return error("no_text");
        }
        WebApiAnswer invalid = checkBlocks(blocks, 50, "");
        if (invalid != null) {
            return invalid;
        }
        String ts = world.nextTs();
        world.ephemerals.add(
                new EphemeralMessage(channelId, userId, ts, text(p, "thread_ts"), text == null ? "" : text, blocks));
        return WebApiAnswer.of(ok().put("message_ts", ts));
    }

    private WebApiAnswer permalink(ObjectNode p) {
        String channelId = text(p, "channel");
        if (channelId == null
                || (!world.channels.containsKey(channelId) && !world.dmChannels.containsValue(channelId))) {
            return error("channel_not_found");
        }
        String ts = text(p, "message_ts");
        PostedMessage m = ts == null ? null : world.messages.get(ts);
        if (m == null || !m.channel().equals(channelId)) {
            return error("message_not_found");
        }
        String link = httpBase + "/archives/" + channelId + "/p" + ts.replace(".", "");
        if (m.threadTs() != null) {
            link += "?thread_ts=" + m.threadTs() + "&cid=" + channelId;
        }
        return WebApiAnswer.of(ok().put("channel", channelId).put("permalink", link));
    }

    private WebApiAnswer viewsPublish(ObjectNode p) {
        String userId = text(p, "user_id");
        if (userId == null || !world.users.containsKey(userId)) {
            return error("user_not_found");
        }
        ObjectNode view;
        try {
            view = view(p);
        } catch (JsonProcessingException e) {
            return error("invalid_arguments");
        }
        if (view == null || !"home".equals(view.path("type").asText())) {
            return error("invalid_arguments");
        }
        WebApiAnswer invalid = checkBlocks(view.path("blocks"), 100, "/view");
        if (invalid != null) {
            return invalid;
        }
        PublishedView old = world.homeViews.get(userId);
        String id = old == null ? world.newViewId() : old.viewId();
        PublishedView published = new PublishedView(id, userId, view, old == null ? 1 : old.version() + 1);
        world.homeViews.put(userId, published);
        return viewAnswer(published);
    }

    private WebApiAnswer viewsOpen(ObjectNode p) {
        String trigger = text(p, "trigger_id");
        if (trigger == null || !world.triggerIds.contains(trigger)) {
            return error("invalid_trigger_id");
        }
        ObjectNode view;
        try {
            view = view(p);
        } catch (JsonProcessingException e) {
            return error("invalid_arguments");
        }
        if (view == null || !"modal".equals(view.path("type").asText())) {
            return error("invalid_arguments");
        }
        WebApiAnswer invalid = checkBlocks(view.path("blocks"), 100, "/view");
        if (invalid != null) {
            return invalid;
        }
        PublishedView modal = new PublishedView(world.newViewId(), "", view, 1);
        world.modals.put(modal.viewId(), modal);
        return viewAnswer(modal);
    }

    private WebApiAnswer viewsUpdate(ObjectNode p) {
        String viewId = text(p, "view_id");
        PublishedView old = viewId == null ? null : world.modals.get(viewId);
        if (old == null) {
            return error("not_found");
        }
        ObjectNode view;
        try {
            view = view(p);
        } catch (JsonProcessingException e) {
            return error("invalid_arguments");
        }
        if (view == null) {
            return error("invalid_arguments");
        }
        WebApiAnswer invalid = checkBlocks(view.path("blocks"), 100, "/view");
        if (invalid != null) {
            return invalid;
        }
        PublishedView updated = new PublishedView(old.viewId(), old.userId(), view, old.version() + 1);
        world.modals.put(updated.viewId(), updated);
        return viewAnswer(updated);
    }

    private WebApiAnswer conversationsInfo(ObjectNode p) {
        String channelId = text(p, "channel");
        if (channelId != null && world.dmChannels.containsValue(channelId)) {
            ObjectNode body = ok();
            body.putObject("channel").put("id", channelId).put("is_im", true).put("is_member", true);
            return WebApiAnswer.of(body);
        }
        FakeChannel c = channelId == null ? null : world.channels.get(channelId);
        if (c == null || (c.isPrivate() && !c.botIsMember())) {
            return error("channel_not_found");
        }
        ObjectNode body = ok();
        body.set("channel", channelJson(c));
        return WebApiAnswer.of(body);
    }

    private WebApiAnswer conversationsJoin(ObjectNode p) {
        String channelId = text(p, "channel");
        FakeChannel c = channelId == null ? null : world.channels.get(channelId);
        if (c == null || (c.isPrivate() && !c.botIsMember())) {
            return error("channel_not_found");
        }
        if (c.isPrivate()) {
            return error("method_not_supported_for_channel_type");
        }
        if (c.isArchived()) {
            return error("is_archived");
        }
        ObjectNode body = ok();
        if (c.botIsMember()) {
            body.put("warning", "already_in_channel");
        }
        FakeChannel joined = c.joined();
        world.channels.put(joined.id(), joined);
        body.set("channel", channelJson(joined));
        return WebApiAnswer.of(body);
    }

    private WebApiAnswer conversationsOpen(ObjectNode p) {
        String users = text(p, "users");
        String first = users == null ? null : users.split(",")[0].trim();
        if (first == null || !world.users.containsKey(first)) {
            return error("user_not_found");
        }
        ObjectNode body = ok();
        body.putObject("channel").put("id", world.dmChannelOf(first));
        return WebApiAnswer.of(body);
    }

    private WebApiAnswer usersInfo(ObjectNode p) {
        String userId = text(p, "user");
        FakeUser u = userId == null ? null : world.users.get(userId);
        if (u == null) {
            return error("user_not_found");
        }
        ObjectNode body = ok();
        ObjectNode user = body.putObject("user")
                .put("id", u.id())
                .put("team_id", u.teamId())
                .put("name", u.name())
                .put("real_name", u.name())
                .put("deleted", false)
                .put("is_bot", u.isBot())
                .put("is_app_user", false)
                .put("tz", "Etc/UTC");
        user.putObject("profile")
                .put("display_name", u.name())
                .put("real_name", u.name())
                .put("team", u.teamId());
        return WebApiAnswer.of(body);
    }

    private WebApiAnswer usergroupUsers(ObjectNode p) {
        String group = text(p, "usergroup");
        List<String> members = group == null ? null : world.usergroups.get(group);
        if (members == null) {
            return error("no_such_subteam");
        }
        ObjectNode body = ok();
        ArrayNode users = body.putArray("users");
        members.forEach(users::add);
        return WebApiAnswer.of(body);
    }

    private WebApiAnswer reactionsAdd(ObjectNode p) {
        String channelId = text(p, "channel");
        String ts = text(p, "timestamp");
        String name = text(p, "name");
        PostedMessage m = ts == null ? null : world.messages.get(ts);
        if (m == null || !m.channel().equals(channelId)) {
            return error("message_not_found");
        }
        if (name == null || name.isEmpty()) {
            return error("invalid_name");
        }
        List<String> names = world.reactions.computeIfAbsent(ts, k -> new ArrayList<>());
        if (names.contains(name)) {
            return error("already_reacted");
        }
        names.add(name);
        return WebApiAnswer.of(ok());
    }

    // --- helpers ----------------------------------------------------------------------------------------------------

    /** Why the bot cannot post in the channel, as Slack's error code, or null when it can. */
    private String postingProblem(String channelId) {
        if (channelId != null && world.dmChannels.containsValue(channelId)) {
            return null;
        }
        FakeChannel c = channelId == null ? null : world.channels.get(channelId);
        if (c == null) {
            return "channel_not_found";
        }
        if (!c.botIsMember()) {
            return c.isPrivate() ? "channel_not_found" : "not_in_channel";
        }
        if (c.isArchived()) {
            return "is_archived";
        }
        return null;
    }

    private WebApiAnswer checkBlocks(JsonNode blocks, int maxBlocks, String pointerPrefix) {
        if (blocks.isMissingNode() || blocks.isNull()) {
            return null;
        }
        List<String> messages = validator.validate(blocks, maxBlocks);
        if (!messages.isEmpty()) {
            ObjectNode body = error("invalid_blocks").body();
            if (!pointerPrefix.isEmpty()) {
                body.put("error", "invalid_arguments");
                messages = messages.stream()
                        .map(m -> m.replace("[json-pointer:/blocks", "[json-pointer:" + pointerPrefix + "/blocks"))
                        .toList();
            }
            ArrayNode errors = body.putArray("errors");
            messages.forEach(errors::add);
            ArrayNode list = body.putObject("response_metadata").putArray("messages");
            messages.forEach(list::add);
            return WebApiAnswer.of(body);
        }
        if (pointerPrefix.isEmpty() && validator.totalText(blocks) > world.blocksTooLongAt) {
            return error("msg_blocks_too_long");
        }
        return null;
    }

    /** Slack gives every stored block a {@code block_id}; blocks posted without one get a generated one. */
    private ArrayNode withBlockIds(ArrayNode blocks) {
        for (JsonNode block : blocks) {
            if (block instanceof ObjectNode b && !b.hasNonNull("block_id")) {
                b.put("block_id", Integer.toString(Math.abs(b.toString().hashCode()) % 1_679_616, 36));
            }
        }
        return blocks;
    }

    private void store(PostedMessage m) {
        world.messages.put(m.ts(), m);
        world.messageVersions.computeIfAbsent(m.ts(), k -> new ArrayList<>()).add(m);
    }

    private ObjectNode messageJson(PostedMessage m) {
        ObjectNode message = world.json
                .createObjectNode()
                .put("type", "message")
                .put("text", m.text())
                .put("user", m.userId());
        if (m.botId() != null) {
            message.put("bot_id", m.botId()).put("app_id", world.home.apiAppId());
        }
        message.put("ts", m.ts()).put("team", world.home.teamId());
        if (m.threadTs() != null) {
            message.put("thread_ts", m.threadTs());
        }
        message.set("blocks", m.blocks());
        return message;
    }

    private ObjectNode channelJson(FakeChannel c) {
        return world.json
                .createObjectNode()
                .put("id", c.id())
                .put("name", c.name())
                .put("is_channel", !c.isPrivate())
                .put("is_group", c.isPrivate())
                .put("is_im", false)
                .put("is_private", c.isPrivate())
                .put("is_archived", c.isArchived())
                .put("is_member", c.botIsMember());
    }

    private WebApiAnswer viewAnswer(PublishedView v) {
        ObjectNode view = v.view().deepCopy();
        view.put("id", v.viewId()).put("team_id", world.home.teamId()).put("hash", v.viewId() + "." + v.version());
        ObjectNode body = ok();
        body.set("view", view);
        return WebApiAnswer.of(body);
    }

    private ArrayNode blocks(ObjectNode p) throws JsonProcessingException {
        JsonNode raw = p.get("blocks");
        if (raw == null || raw.isNull()) {
            return world.json.createArrayNode();
        }
        JsonNode parsed = raw.isTextual() ? world.json.readTree(raw.asText()) : raw;
        if (parsed == null || !parsed.isArray()) {
            throw new JsonProcessingException("blocks is not a JSON array") {};
        }
        return (ArrayNode) parsed.deepCopy();
    }

    private ObjectNode view(ObjectNode p) throws JsonProcessingException {
        JsonNode raw = p.get("view");
        if (raw == null || raw.isNull()) {
            return null;
        }
        JsonNode parsed = raw.isTextual() ? world.json.readTree(raw.asText()) : raw;
        return parsed != null && parsed.isObject() ? (ObjectNode) parsed.deepCopy() : null;
    }

    private static String text(ObjectNode p, String name) {
        JsonNode v = p.get(name);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Boolean flag(ObjectNode p, String name) {
        JsonNode v = p.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        String s = v.asText();
        return s.equals("true") || s.equals("1");
    }

    private static String truncate(String text) {
        return text.length() > 40_000 ? text.substring(0, 40_000) : text;
    }

    private ObjectNode ok() {
        return world.json.createObjectNode().put("ok", true);
    }

    WebApiAnswer error(String code) {
        return WebApiAnswer.of(world.json.createObjectNode().put("ok", false).put("error", code));
    }
}
