package dev.runbookbot.slack.render;

/**
 * Slack's Block Kit limits that the bot can reach (docs.slack.dev/reference/block-kit), and the text budget we keep
 * below the undocumented total at which Slack answers {@code msg_blocks_too_long} (about 13,200 characters, bolt-js
 * #2509). Counts are UTF-16 code units, which never undercount Slack's characters.
 */
public final class BlockKitLimits {
    private BlockKitLimits() {}

    /** Blocks in a message. */
    public static final int MESSAGE_BLOCKS = 50;
    /** Blocks in a modal or the Home tab. */
    public static final int SURFACE_BLOCKS = 100;
    /** Characters in a section's text (Slack: "must be less than 3001 characters"). */
    public static final int SECTION_TEXT = 3_000;
    /** Characters in a header block's plain text. */
    public static final int HEADER_TEXT = 150;
    /** Characters in a context block's text element. */
    public static final int CONTEXT_TEXT = 3_000;
    /** Elements in an actions block. */
    public static final int ACTIONS_ELEMENTS = 25;
    /** Characters in a button's label. */
    public static final int BUTTON_TEXT = 75;
    /** Characters in a button's value. */
    public static final int BUTTON_VALUE = 2_000;
    /** Characters in an {@code action_id}. */
    public static final int ACTION_ID = 255;
    /** Characters in a {@code block_id}. */
    public static final int BLOCK_ID = 255;
    /** Characters in a confirm dialog's title. */
    public static final int CONFIRM_TITLE = 100;
    /** Characters in a confirm dialog's text. */
    public static final int CONFIRM_TEXT = 300;
    /** Characters in a confirm dialog's confirm and deny labels. */
    public static final int CONFIRM_BUTTON = 30;
    /** Characters in a message's top-level {@code text}; Slack truncates at 40,000, we stay well below. */
    public static final int FALLBACK_TEXT = 3_000;
    /** Our budget for all text in a message's blocks (Slack refuses somewhere above 13,000). */
    public static final int MESSAGE_TEXT_BUDGET = 10_000;
    /** Our budget for all text in a Home tab or modal. */
    public static final int SURFACE_TEXT_BUDGET = 24_000;
}
