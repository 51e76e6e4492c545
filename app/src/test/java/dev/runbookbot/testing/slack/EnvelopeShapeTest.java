package dev.runbookbot.testing.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The fake's frames have the keys of Slack's: every key of the real fixture, and nothing that Slack's all-keys samples
 * do not list.
 */
class EnvelopeShapeTest {
    private final ObjectMapper json = new ObjectMapper();
    private final EnvelopeFactory envelopes = new EnvelopeFactory(json);
    private final Identity home = Identity.fixtureHome();
    private final FakeUser alice = FakeUser.human("U111", "T111", "alice");
    private final FakeChannel random = FakeChannel.publicWithBot("C111", "random");

    @Test
    void slashCommandsHaveTheFixturesKeys() throws IOException {
        ObjectNode built = envelopes.slashCommand(
                "e1", home, alice, random, "/runbook", "help", "http://127.0.0.1/hooks/x", "1.2.fake");

        Set<String> fixture = paths(read("java-slack-sdk.slash_commands.envelope.json"));
        Set<String> sample = prefixed("payload.", paths(read("java-slack-sdk.json-logs.SlashCommandPayload.json")));
        assertShape(fixture, sample, paths(built));
    }

    @Test
    void blockActionsHaveTheFixturesKeys() throws IOException {
        ArrayNode blocks = (ArrayNode) json.readTree("""
                [{"type":"actions","block_id":"b","elements":[{"type":"button","action_id":"a",\
                "text":{"type":"plain_text","text":"Click Me!","emoji":true},"value":"underlying"}]}]""");
        PostedMessage message =
                new PostedMessage("C111", "1605853634.000400", null, "t", blocks, false, false, "U222", "B111", 1);

        ObjectNode built = envelopes.blockActions(
                "e2",
                home,
                alice,
                random,
                message,
                "b",
                blocks.get(0).get("elements").get(0),
                "http://127.0.0.1/hooks/x",
                "1.2.fake",
                "1605853645.582706");

        Set<String> fixture = paths(read("java-slack-sdk.interactive.block_actions.envelope.json"));
        Set<String> sample = prefixed("payload.", paths(read("java-slack-sdk.json-logs.BlockActionPayload.json")));
        assertShape(fixture, sample, paths(built));
        assertEquals(
                read("java-slack-sdk.interactive.block_actions.envelope.json").at("/payload/message/blocks"),
                built.at("/payload/message/blocks"),
                "the clicked message's blocks are the posted ones");
    }

    @Test
    void appHomeOpenedHasTheFixturesKeys() throws IOException {
        Identity orgInstall = new Identity("T111", "test-test-test", "E111", "A111");
        ObjectNode built = envelopes.appHomeOpened(
                "e3", orgInstall, "W111", "D111", "W111", "Ev111", 1606810927, "1606810927.510671", null);

        ObjectNode fixture = json.createObjectNode().put("envelope_id", "x");
        fixture.set("payload", read("bolt-python.events_api.app_home_opened.payload.json"));
        fixture.put("type", "events_api").put("accepts_response_payload", false);
        Set<String> sample = prefixed("payload.", paths(read("java-slack-sdk.json-logs.AppHomeOpenedPayload.json")));
        sample.addAll(Set.of("retry_attempt", "retry_reason"));
        assertShape(paths(fixture), sample, paths(built));
    }

    @Test
    void helloAndDisconnectHaveTheFixturesKeys() throws IOException {
        assertEquals(paths(read("java-slack-sdk.hello.json")), paths(envelopes.hello(1, "A111")));
        Set<String> disconnect = paths(read("python-slack-sdk.disconnect.too_many_websockets.json"));
        assertTrue(disconnect.containsAll(paths(envelopes.disconnect("refresh_requested"))));
    }

    private static void assertShape(Set<String> fixture, Set<String> allowedExtras, Set<String> built) {
        Set<String> missing = new TreeSet<>(fixture);
        missing.removeAll(built);
        assertEquals(Set.of(), missing, "keys of the real payload that the fake leaves out");
        Set<String> extra = new TreeSet<>(built);
        extra.removeAll(fixture);
        extra.removeAll(allowedExtras);
        assertEquals(Set.of(), extra, "keys the fake adds that Slack's samples do not have");
    }

    /** Dotted key paths, {@code []} for array elements; block contents are the posted message's, not compared. */
    private static Set<String> paths(JsonNode node) {
        Set<String> out = new TreeSet<>();
        collect(node, "", out);
        return out;
    }

    private static void collect(JsonNode node, String at, Set<String> out) {
        if (at.endsWith(".blocks") || at.endsWith(".view")) {
            return;
        }
        if (node.isObject()) {
            for (var e : node.properties()) {
                String path = at.isEmpty() ? e.getKey() : at + "." + e.getKey();
                out.add(path);
                collect(e.getValue(), path, out);
            }
        } else if (node.isArray()) {
            for (JsonNode child : node) {
                collect(child, at + "[]", out);
            }
        }
    }

    private static Set<String> prefixed(String prefix, Set<String> paths) {
        Set<String> out = new TreeSet<>();
        paths.forEach(p -> out.add(prefix + p));
        return out;
    }

    private JsonNode read(String name) throws IOException {
        try (var in = EnvelopeShapeTest.class.getResourceAsStream("/fixtures/slack-socket-mode/" + name)) {
            return json.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
