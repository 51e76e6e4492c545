package dev.runbookbot.testing.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class BlockKitValidatorTest {
    private final ObjectMapper json = new ObjectMapper();
    private final BlockKitValidator validator = new BlockKitValidator();

    @Test
    void aTooLongSectionGetsSlacksOwnMessage() throws IOException {
        ArrayNode blocks = json.createArrayNode();
        blocks.addObject().put("type", "divider");
        blocks.addObject()
                .put("type", "section")
                .putObject("text")
                .put("type", "mrkdwn")
                .put("text", "x".repeat(3001));

        List<String> errors = validator.validate(blocks, 50);

        String fromSlack = fixtureLines().stream()
                .filter(l -> l.contains("must be less than 3001"))
                .findFirst()
                .orElseThrow();
        assertEquals(List.of(fromSlack), errors);
    }

    @Test
    void theLimitsTheBotCanHitAreAllReported() throws IOException {
        JsonNode blocks = json.readTree("""
                [{"type":"actions","elements":[
                  {"type":"button","action_id":"%s","text":{"type":"plain_text","text":"A"},"value":"%s"},
                  {"type":"button","action_id":"same","text":{"type":"plain_text","text":"B"}},
                  {"type":"button","action_id":"same","text":{"type":"plain_text","text":""}}]},
                 {"type":"header","text":{"type":"plain_text","text":"%s"}},
                 {"type":"section"},
                 {"text":"no type"},
                 {"type":"carousel"}]""".formatted("a".repeat(256), "v".repeat(2001), "h".repeat(151)));

        assertEquals(
                List.of(
                        "[ERROR] must be less than 256 characters [json-pointer:/blocks/0/elements/0/action_id]",
                        "[ERROR] must be less than 2001 characters [json-pointer:/blocks/0/elements/0/value]",
                        "[ERROR] must be more than 0 characters [json-pointer:/blocks/0/elements/2/text/text]",
                        "[ERROR] action_id must be unique in the block [json-pointer:/blocks/0/elements/2/action_id]",
                        "[ERROR] must be less than 151 characters [json-pointer:/blocks/1/text/text]",
                        "[ERROR] failed to match all allowed schemas [json-pointer:/blocks/2]",
                        "[ERROR] missing required field: type [json-pointer:/blocks/3]",
                        "[ERROR] failed to match all allowed schemas [json-pointer:/blocks/4]"),
                validator.validate(blocks, 50));
    }

    @Test
    void moreThanTheAllowedBlocksIsOneError() {
        ArrayNode blocks = json.createArrayNode();
        for (int i = 0; i < 51; i++) {
            blocks.addObject().put("type", "divider");
        }

        assertEquals(
                List.of("[ERROR] no more than 50 items allowed [json-pointer:/blocks]"),
                validator.validate(blocks, 50));
        assertTrue(validator.validate(blocks, 100).isEmpty());
    }

    @Test
    void totalTextCountsEveryTextString() throws IOException {
        JsonNode blocks = json.readTree("""
                [{"type":"section","text":{"type":"mrkdwn","text":"12345"}},
                 {"type":"actions","elements":[{"type":"button","action_id":"a","text":{"type":"plain_text","text":"678"}}]}]""");

        assertEquals(8, validator.totalText(blocks));
    }

    private static List<String> fixtureLines() throws IOException {
        try (var in = BlockKitValidatorTest.class.getResourceAsStream(
                "/fixtures/slack-web-api/invalid_blocks.metabase-issue-74943.log.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .map(String::strip)
                    .filter(l -> l.startsWith("\"[ERROR]"))
                    .map(l -> l.substring(1, l.lastIndexOf('"')))
                    .toList();
        }
    }
}
