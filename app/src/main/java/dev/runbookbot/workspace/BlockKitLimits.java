package dev.runbookbot.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * Slack's published Block Kit limits, checked as Slack checks them before it accepts a message or a view: at most 50
 * blocks in a message (100 in a Home tab), a header's text 150 characters, a section's text 3,000, at most 10 fields of
 * 2,000 each, at most 25 elements in an actions block and 10 in a context block, a button's text 75, its value 2,000
 * and its action id 255, a block id 255, and a message's text 40,000. A breach is answered like Slack answers it:
 * {@code invalid_blocks} (or {@code msg_too_long}) with the JSON pointer of the offending value.
 */
final class BlockKitLimits {
    static final int MESSAGE_BLOCKS = 50;
    static final int VIEW_BLOCKS = 100;
    static final int MESSAGE_TEXT = 40_000;

    private BlockKitLimits() {}

    /** The first breach in a message's text and blocks, as {@code error: detail}, or empty when Slack would take it. */
    static Optional<String> checkMessage(String text, JsonNode blocks) {
        if (text != null && text.length() > MESSAGE_TEXT) {
            return Optional.of("msg_too_long: text is " + text.length() + " characters, at most " + MESSAGE_TEXT);
        }
        return checkBlocks(blocks, MESSAGE_BLOCKS);
    }

    static Optional<String> checkView(JsonNode view) {
        if (view == null || !view.isObject() || !"home".equals(view.path("type").asText())) {
            return Optional.of("invalid_arguments: view must be an object of type home");
        }
        return checkBlocks(view.path("blocks"), VIEW_BLOCKS);
    }

    private static Optional<String> checkBlocks(JsonNode blocks, int maxBlocks) {
        if (blocks == null || blocks.isMissingNode() || blocks.isNull()) {
            return Optional.empty();
        }
        if (!blocks.isArray()) {
            return invalid("", "blocks must be an array");
        }
        if (blocks.size() > maxBlocks) {
            return invalid("", "no more than " + maxBlocks + " items allowed");
        }
        for (int i = 0; i < blocks.size(); i++) {
            Optional<String> problem = checkBlock(blocks.get(i), "/blocks/" + i);
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> checkBlock(JsonNode block, String at) {
        Optional<String> id = max(block.path("block_id"), 255, at + "/block_id");
        if (id.isPresent()) {
            return id;
        }
        String type = block.path("type").asText("");
        return switch (type) {
            case "header" -> max(block.path("text").path("text"), 150, at + "/text");
            case "section" -> section(block, at);
            case "actions" -> elements(block, 25, at, true);
            case "context" -> elements(block, 10, at, false);
            case "divider", "image", "rich_text", "input" -> Optional.empty();
            default -> invalid(at + "/type", "unknown block type '" + type + "'");
        };
    }

    private static Optional<String> section(JsonNode block, String at) {
        Optional<String> text = max(block.path("text").path("text"), 3000, at + "/text");
        if (text.isPresent()) {
            return text;
        }
        JsonNode fields = block.path("fields");
        if (fields.size() > 10) {
            return invalid(at + "/fields", "no more than 10 items allowed");
        }
        for (int i = 0; i < fields.size(); i++) {
            Optional<String> field = max(fields.get(i).path("text"), 2000, at + "/fields/" + i);
            if (field.isPresent()) {
                return field;
            }
        }
        if (block.path("text").isMissingNode() && fields.isEmpty()) {
            return invalid(at, "a section needs text or fields");
        }
        return block.has("accessory") ? button(block.path("accessory"), at + "/accessory") : Optional.empty();
    }

    private static Optional<String> elements(JsonNode block, int maxElements, String at, boolean interactive) {
        JsonNode elements = block.path("elements");
        if (elements.isEmpty() || elements.size() > maxElements) {
            return invalid(at + "/elements", "must hold 1 to " + maxElements + " items");
        }
        for (int i = 0; i < elements.size(); i++) {
            JsonNode element = elements.get(i);
            String path = at + "/elements/" + i;
            Optional<String> problem =
                    interactive ? button(element, path) : max(element.path("text"), 3000, path + "/text");
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> button(JsonNode element, String at) {
        if (!"button".equals(element.path("type").asText())) {
            return Optional.empty();
        }
        Optional<String> problem = max(element.path("text").path("text"), 75, at + "/text");
        if (problem.isEmpty()) {
            problem = max(element.path("value"), 2000, at + "/value");
        }
        if (problem.isEmpty()) {
            problem = max(element.path("action_id"), 255, at + "/action_id");
        }
        return problem;
    }

    private static Optional<String> max(JsonNode value, int limit, String at) {
        if (value.isTextual() && value.asText().length() > limit) {
            return invalid(at, "must be less than " + (limit + 1) + " characters");
        }
        return Optional.empty();
    }

    private static Optional<String> invalid(String at, String why) {
        return Optional.of("invalid_blocks: " + why + " [json-pointer:" + at + "]");
    }
}
