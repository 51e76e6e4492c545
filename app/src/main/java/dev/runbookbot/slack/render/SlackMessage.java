package dev.runbookbot.slack.render;

import com.slack.api.model.block.LayoutBlock;
import java.util.List;
import java.util.Objects;

/**
 * A message ready to post: the notification and fallback {@code text} (mrkdwn, already escaped, control characters
 * removed) and its blocks, within Slack's limits when made by {@link MessageBuilder}.
 */
public record SlackMessage(String text, List<LayoutBlock> blocks) {
    public SlackMessage {
        text = ControlCharacters.stripMrkdwn(Objects.requireNonNull(text, "text"));
        blocks = List.copyOf(blocks);
    }
}
