package dev.runbookbot.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * Finds a button in a message's blocks by its block id and action id: among the elements of an {@code actions} block
 * or as a section's accessory. A person can only click what the bot posted and the message still holds.
 */
final class ButtonFinder {
    private ButtonFinder() {}

    static Optional<JsonNode> find(JsonNode blocks, String blockId, String actionId) {
        for (JsonNode block : blocks) {
            if (!block.path("block_id").asText("").equals(blockId)) {
                continue;
            }
            for (JsonNode element : block.path("elements")) {
                if (isButton(element, actionId)) {
                    return Optional.of(element);
                }
            }
            JsonNode accessory = block.path("accessory");
            if (isButton(accessory, actionId)) {
                return Optional.of(accessory);
            }
        }
        return Optional.empty();
    }

    private static boolean isButton(JsonNode element, String actionId) {
        return "button".equals(element.path("type").asText())
                && element.path("action_id").asText("").equals(actionId);
    }
}
