package dev.runbookbot.slack.render;

import java.util.Objects;

/**
 * A button in an actions block.
 *
 * <p>The {@code actionId} routes the click to its handler and the {@code value} is an opaque id (a run id, never
 * authority); both are the bot's own, so one that Slack would refuse ({@code action_id} over 255, value over 2,000
 * characters) is a bug and fails here, where it is made, rather than as {@code invalid_blocks} at post time. The label
 * is plain text, cut to 75 characters.
 *
 * @param actionId routes clicks to a {@link dev.runbookbot.slack.ButtonHandler}
 * @param text the label
 * @param value the opaque value sent back on click, possibly empty
 * @param style {@code primary}, {@code danger}, or empty for the default look
 * @param confirm the dialog to show before the click is sent, or null
 */
public record Button(String actionId, String text, String value, String style, ConfirmDialog confirm) {
    public Button {
        Objects.requireNonNull(actionId, "actionId");
        Objects.requireNonNull(text, "text");
        value = value == null ? "" : value;
        style = style == null ? "" : style;
        if (actionId.isBlank() || actionId.length() > BlockKitLimits.ACTION_ID) {
            throw new IllegalArgumentException("a button action_id must be 1 to " + BlockKitLimits.ACTION_ID
                    + " characters, got " + actionId.length());
        }
        if (value.length() > BlockKitLimits.BUTTON_VALUE) {
            throw new IllegalArgumentException("a button value must be at most " + BlockKitLimits.BUTTON_VALUE
                    + " characters, got " + value.length() + " for action_id " + actionId);
        }
        if (!style.isEmpty() && !style.equals("primary") && !style.equals("danger")) {
            throw new IllegalArgumentException("a button style is primary, danger or empty, got " + style);
        }
        text = Truncation.plain(text, BlockKitLimits.BUTTON_TEXT);
    }

    /** A default-looking button. */
    public static Button of(String actionId, String text, String value) {
        return new Button(actionId, text, value, "", null);
    }

    /** This button, green. */
    public Button primary() {
        return new Button(actionId, text, value, "primary", confirm);
    }

    /** This button, red. */
    public Button danger() {
        return new Button(actionId, text, value, "danger", confirm);
    }

    /** This button, asking {@code dialog} before the click is sent. */
    public Button withConfirm(ConfirmDialog dialog) {
        return new Button(actionId, text, value, style, dialog);
    }

    int textLength() {
        return text.length() + (confirm == null ? 0 : confirm.textLength());
    }
}
