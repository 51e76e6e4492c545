package dev.runbookbot.slack.render;

import java.util.regex.Pattern;

/**
 * Who did something, in mrkdwn: a Slack user id becomes a mention ({@code <@U111>}, which Slack shows as the person's
 * current name), anything else (the bot, {@code alertmanager}, a CLI user) is shown as escaped text.
 */
public final class ActorText {
    private static final Pattern USER_ID = Pattern.compile("[UW][A-Z0-9]{2,30}");

    private ActorText() {}

    public static String of(String actor) {
        if (actor != null && USER_ID.matcher(actor).matches()) {
            return Mrkdwn.user(actor);
        }
        return Mrkdwn.escape(actor == null ? "" : actor);
    }
}
