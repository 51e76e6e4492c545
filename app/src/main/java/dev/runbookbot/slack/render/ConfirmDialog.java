package dev.runbookbot.slack.render;

import java.util.Objects;

/**
 * The "are you sure?" dialog Slack shows before a destructive button's click is sent. All texts are plain text (never
 * parsed as mrkdwn) and are cut to Slack's limits.
 *
 * @param title the dialog title (100 characters)
 * @param text what exactly will happen (300 characters)
 * @param confirm the confirm button's label (30 characters)
 * @param deny the cancel button's label (30 characters)
 */
public record ConfirmDialog(String title, String text, String confirm, String deny) {
    public ConfirmDialog {
        title = Truncation.plain(Objects.requireNonNull(title, "title"), BlockKitLimits.CONFIRM_TITLE);
        text = Truncation.plain(Objects.requireNonNull(text, "text"), BlockKitLimits.CONFIRM_TEXT);
        confirm = Truncation.plain(Objects.requireNonNull(confirm, "confirm"), BlockKitLimits.CONFIRM_BUTTON);
        deny = Truncation.plain(Objects.requireNonNull(deny, "deny"), BlockKitLimits.CONFIRM_BUTTON);
    }

    int textLength() {
        return title.length() + text.length() + confirm.length() + deny.length();
    }
}
