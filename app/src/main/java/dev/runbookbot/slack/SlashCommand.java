package dev.runbookbot.slack;

import java.util.Objects;

/**
 * One {@code /runbook ...} invocation, as Slack delivered it and after its team and app ids were checked.
 *
 * <p>{@code text} is everything after the command name, untouched (it is user input: parse it, never interpolate it).
 * {@code responseUrl} accepts up to five replies within 30 minutes, so use it for quick ephemeral answers only, and
 * post incident threads with the Web API. {@code triggerId} opens a modal within 3 seconds of the command.
 *
 * @param teamId the workspace the command came from ({@code T...}); equal to the configured team
 * @param channelId the channel the command was typed in ({@code C...}, {@code G...} or {@code D...})
 * @param userId the user who typed it ({@code U...} or {@code W...})
 * @param command the command name, for example {@code /runbook}
 * @param text the arguments after the command name, possibly empty
 * @param responseUrl where an ephemeral answer can be posted
 * @param triggerId the trigger id for opening a modal, possibly empty
 */
public record SlashCommand(
        String teamId,
        String channelId,
        String userId,
        String command,
        String text,
        String responseUrl,
        String triggerId) {

    public SlashCommand {
        Objects.requireNonNull(teamId, "teamId");
        Objects.requireNonNull(channelId, "channelId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(command, "command");
        text = text == null ? "" : text;
        responseUrl = responseUrl == null ? "" : responseUrl;
        triggerId = triggerId == null ? "" : triggerId;
    }
}
