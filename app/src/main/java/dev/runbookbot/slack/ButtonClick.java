package dev.runbookbot.slack;

import java.util.Objects;

/**
 * One click on a button the bot posted, after its team and app ids were checked.
 *
 * <p>{@code value} is the opaque value the bot put on the button (for example a run id): it grants nothing, and the
 * handler must check, now, whether {@code userId} of {@code teamId} may do what the button offers. {@code messageTs} and
 * {@code channelId} identify the message that carried the button, so it can be updated.
 *
 * @param actionId the button's {@code action_id}
 * @param value the button's {@code value}, possibly empty
 * @param userId the clicking user ({@code U...} or {@code W...})
 * @param teamId the clicking user's team ({@code T...}); equal to the configured team
 * @param channelId the channel of the message with the button
 * @param messageTs the {@code ts} of the message with the button
 * @param threadTs the thread of that message, or empty when it is not in a thread
 * @param responseUrl where an ephemeral answer to the clicking user can be posted
 * @param triggerId the trigger id for opening a modal, possibly empty
 */
public record ButtonClick(
        String actionId,
        String value,
        String userId,
        String teamId,
        String channelId,
        String messageTs,
        String threadTs,
        String responseUrl,
        String triggerId) {

    public ButtonClick {
        Objects.requireNonNull(actionId, "actionId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(teamId, "teamId");
        value = value == null ? "" : value;
        channelId = channelId == null ? "" : channelId;
        messageTs = messageTs == null ? "" : messageTs;
        threadTs = threadTs == null ? "" : threadTs;
        responseUrl = responseUrl == null ? "" : responseUrl;
        triggerId = triggerId == null ? "" : triggerId;
    }
}
