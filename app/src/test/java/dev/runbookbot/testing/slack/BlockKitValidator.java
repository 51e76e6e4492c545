package dev.runbookbot.testing.slack;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks blocks against the Block Kit limits the bot can reach, answering as Slack does: a list of
 * {@code "[ERROR] <problem> [json-pointer:<path>]"} messages for {@code invalid_blocks}.
 *
 * <p>The message format and the two texts "failed to match all allowed schemas" and "must be less than 3001
 * characters" are Slack's own (app/src/test/resources/fixtures/slack-web-api/invalid_blocks.metabase-issue-74943.log.txt); the other
 * problem texts follow the same pattern but are ours. The total-size rule ({@code msg_blocks_too_long}) is checked
 * separately by {@link #totalText}.
 */
final class BlockKitValidator {

    List<String> validate(JsonNode blocks, int maxBlocks) {
        List<String> errors = new ArrayList<>();
        if (!blocks.isArray()) {
            errors.add(error("must be an array", "/blocks"));
            return errors;
        }
        if (blocks.size() > maxBlocks) {
            errors.add(error("no more than " + maxBlocks + " items allowed", "/blocks"));
        }
        for (int i = 0; i < blocks.size(); i++) {
            block(blocks.get(i), "/blocks/" + i, errors);
        }
        return errors;
    }

    /** The characters of every text string in the blocks, as Slack seems to count for {@code msg_blocks_too_long}. */
    int totalText(JsonNode node) {
        int total = 0;
        if (node.isObject()) {
            for (var e : node.properties()) {
                if (e.getKey().equals("text") && e.getValue().isTextual()) {
                    total += e.getValue().asText().length();
                } else {
                    total += totalText(e.getValue());
                }
            }
        } else if (node.isArray()) {
            for (JsonNode child : node) {
                total += totalText(child);
            }
        }
        return total;
    }

    private void block(JsonNode block, String at, List<String> errors) {
        if (!block.isObject()) {
            errors.add(error("must be an object", at));
            return;
        }
        if (!block.path("type").isTextual()) {
            errors.add(error("missing required field: type", at));
            return;
        }
        maxLength(block.get("block_id"), 255, at + "/block_id", errors);
        switch (block.get("type").asText()) {
            case "section" -> {
                boolean hasText = block.has("text");
                boolean hasFields = block.has("fields");
                if (!hasText && !hasFields) {
                    errors.add(error("failed to match all allowed schemas", at));
                }
                if (hasText) {
                    textObject(block.get("text"), 3000, at + "/text", errors);
                }
                if (hasFields) {
                    JsonNode fields = block.get("fields");
                    if (fields.size() > 10) {
                        errors.add(error("no more than 10 items allowed", at + "/fields"));
                    }
                    for (int j = 0; j < fields.size(); j++) {
                        textObject(fields.get(j), 2000, at + "/fields/" + j, errors);
                    }
                }
                if (block.has("accessory")) {
                    element(block.get("accessory"), at + "/accessory", errors);
                }
            }
            case "header" -> textObject(block.get("text"), 150, at + "/text", errors);
            case "context" -> {
                JsonNode elements = block.path("elements");
                if (elements.isEmpty() || elements.size() > 10) {
                    errors.add(error("must have 1 to 10 items", at + "/elements"));
                }
                for (int j = 0; j < elements.size(); j++) {
                    JsonNode e = elements.get(j);
                    if (!"image".equals(e.path("type").asText())) {
                        textObject(e, 3000, at + "/elements/" + j, errors);
                    }
                }
            }
            case "actions" -> {
                JsonNode elements = block.path("elements");
                if (elements.isEmpty() || elements.size() > 25) {
                    errors.add(error("must have 1 to 25 items", at + "/elements"));
                }
                Set<String> ids = new HashSet<>();
                for (int j = 0; j < elements.size(); j++) {
                    JsonNode e = elements.get(j);
                    element(e, at + "/elements/" + j, errors);
                    String id = e.path("action_id").asText("");
                    if (!id.isEmpty() && !ids.add(id)) {
                        errors.add(
                                error("action_id must be unique in the block", at + "/elements/" + j + "/action_id"));
                    }
                }
            }
            case "divider", "image", "rich_text", "input", "file", "video", "markdown" -> {
                // not used by the bot; accepted as they are
            }
            default -> errors.add(error("failed to match all allowed schemas", at));
        }
    }

    private void element(JsonNode element, String at, List<String> errors) {
        maxLength(element.get("action_id"), 255, at + "/action_id", errors);
        if ("button".equals(element.path("type").asText())) {
            textObject(element.get("text"), 75, at + "/text", errors);
            maxLength(element.get("value"), 2000, at + "/value", errors);
            maxLength(element.get("url"), 3000, at + "/url", errors);
            JsonNode confirm = element.get("confirm");
            if (confirm != null) {
                textObject(confirm.get("title"), 100, at + "/confirm/title", errors);
                textObject(confirm.get("text"), 300, at + "/confirm/text", errors);
                textObject(confirm.get("confirm"), 30, at + "/confirm/confirm", errors);
                textObject(confirm.get("deny"), 30, at + "/confirm/deny", errors);
            }
        }
    }

    private void textObject(JsonNode text, int max, String at, List<String> errors) {
        if (text == null || !text.isObject() || !text.path("text").isTextual()) {
            errors.add(error("failed to match all allowed schemas", at));
            return;
        }
        String type = text.path("type").asText();
        if (!type.equals("plain_text") && !type.equals("mrkdwn")) {
            errors.add(error("failed to match all allowed schemas", at));
        }
        String value = text.get("text").asText();
        if (value.isEmpty()) {
            errors.add(error("must be more than 0 characters", at + "/text"));
        }
        maxLength(text.get("text"), max, at + "/text", errors);
    }

    private static void maxLength(JsonNode value, int max, String at, List<String> errors) {
        if (value != null && value.isTextual() && value.asText().length() > max) {
            errors.add(error("must be less than " + (max + 1) + " characters", at));
        }
    }

    private static String error(String problem, String pointer) {
        return "[ERROR] " + problem + " [json-pointer:" + pointer + "]";
    }
}
