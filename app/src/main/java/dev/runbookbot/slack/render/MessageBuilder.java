package dev.runbookbot.slack.render;

import com.slack.api.model.block.LayoutBlock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Assembles a Block Kit message that Slack will accept, whatever the size of the evidence in it.
 *
 * <p>Each section is cut to 3,000 characters, a header to 150. Headers, dividers and actions blocks (the buttons) are
 * always kept; sections and context lines are the evidence, and when the message would pass 50 blocks or the total text
 * budget (10,000 characters, below the point where Slack answers {@code msg_blocks_too_long}), the evidence is kept in
 * order until it no longer fits, the next section is cut to the room left, and the rest is replaced by one line saying
 * how many were left out. Every cut ends with a marker pointing at the full record, for example
 * "… (truncated; full output in `runbookctl timeline INC-7`)".
 *
 * <p>Text goes in as one of three kinds: {@link #header} and button labels are plain text, {@link #textSection} and
 * {@link #codeSection} escape what they are given, and {@link #mrkdwnSection} and {@link #context} take mrkdwn the
 * caller built (with {@link Mrkdwn} for every untrusted part). Not thread-safe; one builder per message.
 */
public final class MessageBuilder {
    /** Room kept for the "N more sections omitted" line. */
    private static final int OMITTED_NOTE_RESERVE = 200;
    /** A section is cut to fit the budget only if at least this much of it can be shown. */
    private static final int MIN_PARTIAL_SECTION = 300;

    private final int maxBlocks;
    private final int textBudget;
    private final String pointer;
    private final String marker;
    private final List<MessagePart> parts = new ArrayList<>();

    private MessageBuilder(int maxBlocks, int textBudget, String fullRecordCommand) {
        this.maxBlocks = maxBlocks;
        this.textBudget = textBudget;
        this.pointer = Mrkdwn.inlineCode(Objects.requireNonNull(fullRecordCommand, "fullRecordCommand"));
        this.marker = "\u2026 (truncated; full output in " + pointer + ")";
    }

    /**
     * A builder for a channel message (50 blocks).
     *
     * @param fullRecordCommand where the untruncated record is, for example {@code runbookctl timeline INC-7}
     */
    public static MessageBuilder message(String fullRecordCommand) {
        return new MessageBuilder(BlockKitLimits.MESSAGE_BLOCKS, BlockKitLimits.MESSAGE_TEXT_BUDGET, fullRecordCommand);
    }

    /** A builder for the Home tab or a modal (100 blocks). */
    public static MessageBuilder surface(String fullRecordCommand) {
        return new MessageBuilder(BlockKitLimits.SURFACE_BLOCKS, BlockKitLimits.SURFACE_TEXT_BUDGET, fullRecordCommand);
    }

    /** The marker that ends every cut text. */
    public String truncationMarker() {
        return marker;
    }

    /** A header in plain text (never parsed), cut to 150 characters; blank text adds nothing. */
    public MessageBuilder header(String plainText) {
        if (plainText != null && !plainText.isBlank()) {
            parts.add(new MessagePart.Header(
                    Truncation.plain(ControlCharacters.strip(plainText).strip(), BlockKitLimits.HEADER_TEXT)));
        }
        return this;
    }

    /** A section of untrusted text, escaped; blank text adds nothing. */
    public MessageBuilder textSection(String untrusted) {
        return mrkdwnSection(Mrkdwn.escape(untrusted));
    }

    /** A section with untrusted text as a code block (command output, log lines); blank text adds nothing. */
    public MessageBuilder codeSection(String untrusted) {
        if (untrusted == null || untrusted.isBlank()) {
            return this;
        }
        return mrkdwnSection(Mrkdwn.codeBlock(untrusted));
    }

    /** A section of mrkdwn the caller built, every untrusted part escaped with {@link Mrkdwn}; blank adds nothing. */
    public MessageBuilder mrkdwnSection(String trustedMrkdwn) {
        if (trustedMrkdwn != null && !trustedMrkdwn.isBlank()) {
            parts.add(new MessagePart.Section(Truncation.mrkdwn(
                    ControlCharacters.stripMrkdwn(trustedMrkdwn), BlockKitLimits.SECTION_TEXT, marker)));
        }
        return this;
    }

    /** A small grey line of mrkdwn the caller built (who, when, ids); blank adds nothing. */
    public MessageBuilder context(String trustedMrkdwn) {
        if (trustedMrkdwn != null && !trustedMrkdwn.isBlank()) {
            parts.add(new MessagePart.Context(Truncation.mrkdwn(
                    ControlCharacters.stripMrkdwn(trustedMrkdwn), BlockKitLimits.CONTEXT_TEXT, marker)));
        }
        return this;
    }

    public MessageBuilder divider() {
        parts.add(new MessagePart.Divider());
        return this;
    }

    /**
     * A row of 1 to 25 buttons with distinct {@code action_id}s.
     *
     * @param blockId the block's id (1 to 255 characters), for example the remediation step's id
     */
    public MessageBuilder actions(String blockId, List<Button> buttons) {
        Objects.requireNonNull(blockId, "blockId");
        if (blockId.isBlank() || blockId.length() > BlockKitLimits.BLOCK_ID) {
            throw new IllegalArgumentException(
                    "a block_id must be 1 to " + BlockKitLimits.BLOCK_ID + " characters, got " + blockId.length());
        }
        if (buttons.isEmpty() || buttons.size() > BlockKitLimits.ACTIONS_ELEMENTS) {
            throw new IllegalArgumentException("an actions block holds 1 to " + BlockKitLimits.ACTIONS_ELEMENTS
                    + " buttons, got " + buttons.size() + " in block " + blockId);
        }
        Set<String> ids = new HashSet<>();
        for (Button b : buttons) {
            if (!ids.add(b.actionId())) {
                throw new IllegalArgumentException("action_id " + b.actionId() + " appears twice in block " + blockId);
            }
        }
        parts.add(new MessagePart.Actions(blockId, List.copyOf(buttons)));
        return this;
    }

    /**
     * The message, with {@code plainFallback} (escaped, cut to 3,000 characters) as the text shown in notifications.
     *
     * @throws IllegalStateException when headers, dividers and buttons alone pass the block limit or the text budget
     */
    public SlackMessage build(String plainFallback) {
        String text = Truncation.plain(
                Mrkdwn.escape(plainFallback == null ? "" : plainFallback), BlockKitLimits.FALLBACK_TEXT);
        return new SlackMessage(text, buildBlocks());
    }

    /** The blocks alone, for {@code views.publish}. */
    public List<LayoutBlock> buildBlocks() {
        int essentialCount = 0;
        int essentialChars = 0;
        int evidenceCount = 0;
        int evidenceChars = 0;
        for (MessagePart p : parts) {
            if (p.isEvidence()) {
                evidenceCount++;
                evidenceChars += p.textLength();
            } else {
                essentialCount++;
                essentialChars += p.textLength();
            }
        }
        if (essentialCount > maxBlocks || essentialChars > textBudget) {
            throw new IllegalStateException("headers, dividers and buttons alone take " + essentialCount
                    + " blocks and " + essentialChars + " characters; at most " + maxBlocks + " blocks and "
                    + textBudget + " characters fit");
        }
        int slots = maxBlocks - essentialCount;
        int budget = textBudget - essentialChars;
        List<MessagePart> out = new ArrayList<>(parts.size() + 1);
        if (evidenceCount <= slots && evidenceChars <= budget) {
            out.addAll(parts);
        } else {
            fitEvidence(slots - 1, budget - OMITTED_NOTE_RESERVE, out);
        }
        List<LayoutBlock> blocks = new ArrayList<>(out.size());
        for (MessagePart p : out) {
            blocks.add(p.toBlock());
        }
        return blocks;
    }

    private void fitEvidence(int slots, int budget, List<MessagePart> out) {
        int kept = 0;
        int used = 0;
        int omitted = 0;
        boolean full = false;
        boolean notePlaced = false;
        for (MessagePart p : parts) {
            if (!p.isEvidence()) {
                out.add(p);
                continue;
            }
            if (!full && kept < slots && used + p.textLength() <= budget) {
                out.add(p);
                kept++;
                used += p.textLength();
                continue;
            }
            if (!full && kept < slots && p instanceof MessagePart.Section s && budget - used >= MIN_PARTIAL_SECTION) {
                MessagePart.Section cut = new MessagePart.Section(Truncation.mrkdwn(s.text(), budget - used, marker));
                out.add(cut);
                kept++;
                used += cut.textLength();
                full = true;
                continue;
            }
            full = true;
            omitted++;
            if (!notePlaced) {
                out.add(new MessagePart.OmittedNote(out.size()));
                notePlaced = true;
            }
        }
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i) instanceof MessagePart.OmittedNote) {
                String what = omitted == 1 ? "1 more section" : omitted + " more sections";
                out.set(i, new MessagePart.Context("\u2026 " + what + " left out; full output in " + pointer));
            }
        }
    }
}
