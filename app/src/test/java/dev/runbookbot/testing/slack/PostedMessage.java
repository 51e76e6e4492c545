package dev.runbookbot.testing.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A message in the fake world, as last posted or updated.
 *
 * @param channel the channel id
 * @param ts the message's timestamp id, unique in the fake and increasing
 * @param threadTs the parent's ts when it is a thread reply, else null
 * @param text the top-level text
 * @param blocks the blocks (a copy on every read)
 * @param unfurlLinks the {@code unfurl_links} flag as sent, or null when not sent
 * @param unfurlMedia the {@code unfurl_media} flag as sent, or null when not sent
 * @param userId the author
 * @param botId the bot id when the bot posted it, else null
 * @param version 1 when posted, plus one per {@code chat.update}
 */
public record PostedMessage(
        String channel,
        String ts,
        String threadTs,
        String text,
        ArrayNode blocks,
        Boolean unfurlLinks,
        Boolean unfurlMedia,
        String userId,
        String botId,
        int version) {

    @Override
    public ArrayNode blocks() {
        return blocks.deepCopy();
    }

    public boolean byBot() {
        return botId != null;
    }

    /** Every text string in the blocks and the top-level text, one per line, for content assertions. */
    public String allText() {
        List<String> out = new ArrayList<>();
        out.add(text);
        collect(blocks, out);
        return String.join("\n", out);
    }

    /** The {@code action_id}s of the buttons in the blocks, in order. */
    public List<String> buttonActionIds() {
        List<String> ids = new ArrayList<>();
        for (JsonNode block : blocks) {
            for (JsonNode element : block.path("elements")) {
                if ("button".equals(element.path("type").asText())) {
                    ids.add(element.path("action_id").asText());
                }
            }
            JsonNode accessory = block.path("accessory");
            if ("button".equals(accessory.path("type").asText())) {
                ids.add(accessory.path("action_id").asText());
            }
        }
        return ids;
    }

    private static void collect(JsonNode node, List<String> out) {
        if (node.isObject()) {
            for (var e : node.properties()) {
                if (e.getKey().equals("text") && e.getValue().isTextual()) {
                    out.add(e.getValue().asText());
                } else {
                    collect(e.getValue(), out);
                }
            }
        } else if (node.isArray()) {
            node.forEach(child -> collect(child, out));
        }
    }
}
