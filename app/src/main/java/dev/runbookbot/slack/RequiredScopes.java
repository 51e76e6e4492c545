package dev.runbookbot.slack;

import java.util.List;

/**
 * The bot token scopes the Slack adapter uses, and nothing more; {@code slack-app-manifest.yml} asks for exactly these.
 * A new Web API call that needs another scope adds it here and in the manifest.
 */
public final class RequiredScopes {
    private RequiredScopes() {}

    public static final List<String> BOT = List.of(
            "chat:write", // chat.postMessage, chat.update, chat.postEphemeral
            "commands", // the /runbook slash command
            "usergroups:read", // usergroups.users.list
            "channels:read", // conversations.info, public channels
            "groups:read", // conversations.info, private channels
            "users:read"); // bots.info: the app id, learnt at start

    /** The scope of the app-level token Socket Mode needs ({@code apps.connections.open}). */
    public static final String APP_TOKEN = "connections:write";
}
