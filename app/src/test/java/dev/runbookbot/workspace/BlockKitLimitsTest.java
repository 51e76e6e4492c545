package dev.runbookbot.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BlockKitLimitsTest {
    private final ObjectMapper json = new ObjectMapper();

    private JsonNode blocks(String text) throws Exception {
        return json.readTree(text);
    }

    @Test
    void aMessageWithinTheLimitsIsTaken() throws Exception {
        JsonNode ok = blocks("[{\"type\":\"header\",\"text\":{\"type\":\"plain_text\",\"text\":\"INC-1\"}},"
                + "{\"type\":\"actions\",\"block_id\":\"run-1\",\"elements\":[{\"type\":\"button\",\"action_id\":"
                + "\"approve\",\"value\":\"run-1\",\"text\":{\"type\":\"plain_text\",\"text\":\"Approve\"}}]}]");
        assertEquals(Optional.empty(), BlockKitLimits.checkMessage("INC-1", ok));
    }

    @Test
    void aLongHeaderIsRefusedWithThePointerSlackGives() throws Exception {
        JsonNode header = blocks(
                "[{\"type\":\"header\",\"text\":{\"type\":\"plain_text\",\"text\":\"" + "x".repeat(151) + "\"}}]");
        assertEquals(
                Optional.of("invalid_blocks: must be less than 151 characters [json-pointer:/blocks/0/text]"),
                BlockKitLimits.checkMessage("", header));
    }

    @Test
    void moreThanFiftyBlocksAndAnOverlongTextAreRefused() throws Exception {
        StringBuilder many = new StringBuilder("[");
        for (int i = 0; i < 51; i++) {
            many.append(i == 0 ? "" : ",").append("{\"type\":\"divider\"}");
        }
        assertEquals(
                Optional.of("invalid_blocks: no more than 50 items allowed [json-pointer:]"),
                BlockKitLimits.checkMessage("", blocks(many + "]")));
        assertEquals(
                "msg_too_long",
                BlockKitLimits.checkMessage("x".repeat(40_001), json.createArrayNode())
                        .orElseThrow()
                        .split(":")[0]);
    }

    @Test
    void aButtonValueOverTwoThousandCharactersIsRefused() throws Exception {
        JsonNode button = blocks("[{\"type\":\"actions\",\"elements\":[{\"type\":\"button\",\"action_id\":\"a\","
                + "\"value\":\"" + "v".repeat(2001) + "\",\"text\":{\"type\":\"plain_text\",\"text\":\"Go\"}}]}]");
        assertEquals(
                Optional.of(
                        "invalid_blocks: must be less than 2001 characters [json-pointer:/blocks/0/elements/0/value]"),
                BlockKitLimits.checkMessage("", button));
    }
}
