package dev.runbookbot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The identity fields read from real payloads (app/src/test/resources/fixtures/slack-socket-mode). */
class PayloadIdentityTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aSlashCommandNamesItsTeamAndApp() throws IOException {
        PayloadIdentity id = read("java-slack-sdk.slash_commands.envelope.json");

        assertEquals(new PayloadIdentity("T111", "", "A111"), id);
        assertTrue(id.matches("T111", "A111"));
        assertFalse(id.matches("T111", "A222"));
        assertFalse(id.matches("T222", "A111"));
    }

    @Test
    void aButtonClickNamesItsTeamTheUsersTeamAndApp() throws IOException {
        PayloadIdentity id = read("java-slack-sdk.interactive.block_actions.envelope.json");

        assertEquals(new PayloadIdentity("T111", "T111", "A111"), id);
        assertTrue(id.matches("T111", "A111"));
        assertFalse(new PayloadIdentity("T111", "T999", "A111").matches("T111", "A111"), "a Slack Connect user");
    }

    @Test
    void anEventNamesItsTeamAndApp() throws IOException {
        String payload = fixture("bolt-python.events_api.app_home_opened.payload.json");

        assertEquals(Optional.of(new PayloadIdentity("T111", "", "A111")), PayloadIdentity.read(json, payload));
    }

    @Test
    void aPayloadWithoutAnAppIdNeverMatches() throws IOException {
        PayloadIdentity id = read("python-slack-sdk.interactive.shortcut.envelope.json");

        assertEquals("", id.apiAppId());
        assertFalse(id.matches("T111", "A111"));
        assertFalse(id.matches("T111", ""), "an empty expectation is not a wildcard");
    }

    @Test
    void somethingThatIsNotAnObjectHasNoIdentity() {
        assertEquals(Optional.empty(), PayloadIdentity.read(json, "payload=%7B%7D"));
        assertEquals(Optional.empty(), PayloadIdentity.read(json, "[1]"));
        assertEquals(Optional.empty(), PayloadIdentity.read(json, null));
    }

    private PayloadIdentity read(String envelopeFixture) throws IOException {
        String payload = json.readTree(fixture(envelopeFixture)).get("payload").toString();
        return PayloadIdentity.read(json, payload).orElseThrow();
    }

    private static String fixture(String name) throws IOException {
        try (var in = PayloadIdentityTest.class.getResourceAsStream("/fixtures/slack-socket-mode/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
