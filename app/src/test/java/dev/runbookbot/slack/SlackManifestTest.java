package dev.runbookbot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shipped manifest describes the app this adapter is: Socket Mode, /runbook, buttons, Home tab, its scopes. */
class SlackManifestTest {
    private static final Path MANIFEST = Path.of("..", "slack-app-manifest.yml");

    private final JsonNode manifest = read();

    @Test
    void socketModeAndInteractivityAreOn() {
        assertTrue(manifest.at("/settings/socket_mode_enabled").asBoolean());
        assertTrue(manifest.at("/settings/interactivity/is_enabled").asBoolean());
        assertTrue(manifest.at("/settings/interactivity/request_url").isMissingNode(), "Socket Mode needs no URL");
    }

    @Test
    void theSlashCommandIsTheOneTheAdapterListensTo() {
        JsonNode commands = manifest.at("/features/slash_commands");
        assertEquals(1, commands.size());
        assertEquals(AckFirstDispatch.COMMAND, commands.get(0).path("command").asText());
    }

    @Test
    void theHomeTabAndItsEventAreOn() {
        assertTrue(manifest.at("/features/app_home/home_tab_enabled").asBoolean());
        assertEquals(List.of("app_home_opened"), strings(manifest.at("/settings/event_subscriptions/bot_events")));
    }

    @Test
    void theBotScopesAreExactlyTheOnesUsed() {
        assertEquals(RequiredScopes.BOT, strings(manifest.at("/oauth_config/scopes/bot")));
        assertTrue(manifest.at("/oauth_config/scopes/user").isMissingNode(), "no user scopes");
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static JsonNode read() {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(Files.readString(MANIFEST));
        } catch (IOException e) {
            throw new AssertionError("cannot read " + MANIFEST.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }
}
