package dev.runbookbot.slack.render;

import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.DividerBlock;
import com.slack.api.model.block.HeaderBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.ConfirmationDialogObject;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.composition.PlainTextObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.ButtonElement;
import java.util.ArrayList;
import java.util.List;

/**
 * One block of a message {@link MessageBuilder} is assembling, with what the builder needs to fit it: whether it is
 * evidence (which may be cut or left out; headers, dividers and buttons are always kept), the length of its text, and
 * the Block Kit block it becomes. Text is already escaped or cut when a part is made; plain text loses its control
 * characters here.
 */
sealed interface MessagePart {
    boolean isEvidence();

    int textLength();

    LayoutBlock toBlock();

    record Header(String text) implements MessagePart {
        public boolean isEvidence() {
            return false;
        }

        public int textLength() {
            return text.length();
        }

        public LayoutBlock toBlock() {
            return HeaderBlock.builder().text(plain(text)).build();
        }
    }

    record Section(String text) implements MessagePart {
        public boolean isEvidence() {
            return true;
        }

        public int textLength() {
            return text.length();
        }

        public LayoutBlock toBlock() {
            return SectionBlock.builder()
                    .text(MarkdownTextObject.builder().text(text).build())
                    .build();
        }
    }

    record Context(String text) implements MessagePart {
        public boolean isEvidence() {
            return true;
        }

        public int textLength() {
            return text.length();
        }

        public LayoutBlock toBlock() {
            return ContextBlock.builder()
                    .elements(List.of(MarkdownTextObject.builder().text(text).build()))
                    .build();
        }
    }

    record Divider() implements MessagePart {
        public boolean isEvidence() {
            return false;
        }

        public int textLength() {
            return 0;
        }

        public LayoutBlock toBlock() {
            return DividerBlock.builder().build();
        }
    }

    record Actions(String blockId, List<Button> buttons) implements MessagePart {
        public boolean isEvidence() {
            return false;
        }

        public int textLength() {
            return buttons.stream().mapToInt(Button::textLength).sum();
        }

        public LayoutBlock toBlock() {
            List<BlockElement> elements = new ArrayList<>(buttons.size());
            for (Button b : buttons) {
                ButtonElement.ButtonElementBuilder e =
                        ButtonElement.builder().actionId(b.actionId()).text(plain(b.text()));
                if (!b.value().isEmpty()) {
                    e.value(b.value());
                }
                if (!b.style().isEmpty()) {
                    e.style(b.style());
                }
                if (b.confirm() != null) {
                    e.confirm(ConfirmationDialogObject.builder()
                            .title(plain(b.confirm().title()))
                            .text(plain(b.confirm().text()))
                            .confirm(plain(b.confirm().confirm()))
                            .deny(plain(b.confirm().deny()))
                            .build());
                }
                elements.add(e.build());
            }
            return ActionsBlock.builder().blockId(blockId).elements(elements).build();
        }
    }

    /** Where the "left out" line goes; replaced once the count is known. */
    record OmittedNote(int position) implements MessagePart {
        public boolean isEvidence() {
            return true;
        }

        public int textLength() {
            return 0;
        }

        public LayoutBlock toBlock() {
            throw new IllegalStateException("placeholder not replaced");
        }
    }

    private static PlainTextObject plain(String text) {
        return PlainTextObject.builder()
                .text(ControlCharacters.strip(text))
                .emoji(true)
                .build();
    }
}
