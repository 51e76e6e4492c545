package dev.runbookbot.slack.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.HeaderBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.element.ButtonElement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageBuilderTest {
    private static final String MARKER = "\u2026 (truncated; full output in `runbookctl timeline INC-7`)";

    @Test
    void theMarkerPointsAtTheFullRecord() {
        assertEquals(MARKER, MessageBuilder.message("runbookctl timeline INC-7").truncationMarker());
    }

    @Test
    void aLongSectionIsCutTo3000CharactersEndingWithTheMarker() {
        SlackMessage m = MessageBuilder.message("runbookctl timeline INC-7")
                .textSection("x".repeat(5000))
                .build("fallback");

        String text = sectionText(m.blocks().get(0));
        assertTrue(text.length() <= BlockKitLimits.SECTION_TEXT, "length " + text.length());
        assertTrue(text.endsWith("\n" + MARKER), text.substring(text.length() - 100));
    }

    @Test
    void aCutCodeBlockIsClosedBeforeTheMarker() {
        SlackMessage m = MessageBuilder.message("runbookctl timeline INC-7")
                .codeSection("line\n".repeat(1000))
                .build("fallback");

        String text = sectionText(m.blocks().get(0));
        assertTrue(text.startsWith("```\n"));
        assertTrue(text.endsWith("\n```\n" + MARKER), text.substring(text.length() - 100));
        assertTrue(text.length() <= BlockKitLimits.SECTION_TEXT);
    }

    @Test
    void aCutNeverSplitsAnEscapedCharacter() {
        String hostile = "a".repeat(2930) + "<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<";
        SlackMessage m = MessageBuilder.message("runbookctl timeline INC-7")
                .textSection(hostile)
                .build("x");

        String head = sectionText(m.blocks().get(0)).replace("\n" + MARKER, "");
        assertTrue(head.endsWith("a") || head.endsWith("&lt;"), head.substring(head.length() - 20));
    }

    @Test
    void aHugeReportKeepsItsButtonsAndStaysWithinFiftyBlocksAndTheBudget() {
        MessageBuilder b = MessageBuilder.message("runbookctl timeline INC-7").header("payments-slow");
        for (int i = 0; i < 80; i++) {
            b.textSection("step " + i + " " + "evidence ".repeat(400));
        }
        b.actions(
                "plan", List.of(Button.of("runbook.approve", "Approve", "run-1").primary()));

        List<LayoutBlock> blocks = b.build("payments-slow").blocks();

        assertTrue(blocks.size() <= BlockKitLimits.MESSAGE_BLOCKS, "blocks " + blocks.size());
        assertTrue(totalText(blocks) <= BlockKitLimits.MESSAGE_TEXT_BUDGET, "text " + totalText(blocks));
        assertInstanceOf(HeaderBlock.class, blocks.get(0));
        ActionsBlock actions = assertInstanceOf(ActionsBlock.class, blocks.get(blocks.size() - 1));
        assertEquals("runbook.approve", ((ButtonElement) actions.getElements().get(0)).getActionId());
        ContextBlock note = assertInstanceOf(ContextBlock.class, blocks.get(blocks.size() - 2));
        String noteText = ((MarkdownTextObject) note.getElements().get(0)).getText();
        assertTrue(
                noteText.matches("\u2026 \\d+ more sections left out; full output in `runbookctl timeline INC-7`"),
                noteText);
        assertTrue(sectionText(blocks.get(1)).startsWith("step 0 "), "evidence is kept in order");
    }

    @Test
    void manySmallSectionsAreCutAtFiftyBlocks() {
        MessageBuilder b = MessageBuilder.message("runbookctl timeline INC-7");
        for (int i = 0; i < 60; i++) {
            b.textSection("step " + i);
        }

        List<LayoutBlock> blocks = b.build("x").blocks();

        assertEquals(50, blocks.size());
        assertEquals("step 48", sectionText(blocks.get(48)));
        assertEquals(
                "\u2026 11 more sections left out; full output in `runbookctl timeline INC-7`",
                ((MarkdownTextObject)
                                ((ContextBlock) blocks.get(49)).getElements().get(0))
                        .getText());
    }

    @Test
    void aMessageThatFitsIsLeftAlone() {
        SlackMessage m = MessageBuilder.message("runbookctl timeline INC-7")
                .header("h")
                .textSection("one")
                .context("two")
                .divider()
                .build("fallback");

        assertEquals(4, m.blocks().size());
        assertEquals("one", sectionText(m.blocks().get(1)));
    }

    @Test
    void headersButtonLabelsAndFallbackAreCut() {
        SlackMessage m = MessageBuilder.message("runbookctl timeline INC-7")
                .header("h".repeat(400))
                .actions("b", List.of(Button.of("a", "l".repeat(100), "v")))
                .build("<!channel> " + "f".repeat(5000));

        assertEquals(150, ((HeaderBlock) m.blocks().get(0)).getText().getText().length());
        ButtonElement button =
                (ButtonElement) ((ActionsBlock) m.blocks().get(1)).getElements().get(0);
        assertEquals(75, button.getText().getText().length());
        assertTrue(m.text().length() <= BlockKitLimits.FALLBACK_TEXT);
        assertTrue(m.text().startsWith("&lt;!channel&gt; "), "the fallback text is escaped");
    }

    @Test
    void blankTextAddsNoBlock() {
        assertTrue(MessageBuilder.message("x")
                .header(" ")
                .textSection("")
                .codeSection("  ")
                .context(null)
                .build("x")
                .blocks()
                .isEmpty());
    }

    @Test
    void buttonsSlackWouldRefuseFailWhereTheyAreMade() {
        IllegalArgumentException value =
                assertThrows(IllegalArgumentException.class, () -> Button.of("approve", "Approve", "v".repeat(2001)));
        assertEquals(
                "a button value must be at most 2000 characters, got 2001 for action_id approve", value.getMessage());
        IllegalArgumentException id =
                assertThrows(IllegalArgumentException.class, () -> Button.of("a".repeat(256), "Approve", "v"));
        assertEquals("a button action_id must be 1 to 255 characters, got 256", id.getMessage());
        Button.of("a".repeat(255), "ok", "v".repeat(2000));
    }

    @Test
    void actionsBlocksAreChecked() {
        MessageBuilder b = MessageBuilder.message("x");
        Button approve = Button.of("runbook.approve", "Approve", "1");
        IllegalArgumentException dup =
                assertThrows(IllegalArgumentException.class, () -> b.actions("step", List.of(approve, approve)));
        assertEquals("action_id runbook.approve appears twice in block step", dup.getMessage());
        List<Button> many = new ArrayList<>();
        for (int i = 0; i < 26; i++) {
            many.add(Button.of("b" + i, "B", ""));
        }
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class, () -> b.actions("s", many));
        assertEquals("an actions block holds 1 to 25 buttons, got 26 in block s", tooMany.getMessage());
    }

    @Test
    void destructiveButtonsCarryTheirConfirmDialog() {
        SlackMessage m = MessageBuilder.message("x")
                .actions(
                        "restart",
                        List.of(Button.of("runbook.approve", "Approve", "run-1")
                                .danger()
                                .withConfirm(new ConfirmDialog(
                                        "Restart payments-api?",
                                        "kubectl rollout restart deployment/payments-api -n production",
                                        "Restart",
                                        "Cancel"))))
                .build("x");

        ButtonElement button =
                (ButtonElement) ((ActionsBlock) m.blocks().get(0)).getElements().get(0);
        assertEquals("danger", button.getStyle());
        assertEquals("Restart payments-api?", button.getConfirm().getTitle().getText());
        assertEquals("Cancel", button.getConfirm().getDeny().getText());
    }

    @Test
    void tooManyButtonsForOneMessageIsABug() {
        MessageBuilder b = MessageBuilder.message("x");
        for (int i = 0; i < 51; i++) {
            b.actions("s" + i, List.of(Button.of("a", "A", "")));
        }

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> b.build("x"));
        assertFalse(e.getMessage().isEmpty());
    }

    private static String sectionText(LayoutBlock block) {
        return ((SectionBlock) block).getText().getText();
    }

    private static int totalText(List<LayoutBlock> blocks) {
        int total = 0;
        for (LayoutBlock b : blocks) {
            if (b instanceof SectionBlock s) {
                total += s.getText().getText().length();
            } else if (b instanceof ContextBlock c) {
                total += ((MarkdownTextObject) c.getElements().get(0)).getText().length();
            } else if (b instanceof HeaderBlock h) {
                total += h.getText().getText().length();
            } else if (b instanceof ActionsBlock a) {
                for (var e : a.getElements()) {
                    total += ((ButtonElement) e).getText().getText().length();
                }
            }
        }
        return total;
    }
}
