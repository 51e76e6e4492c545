package dev.runbookbot.slack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;

/**
 * Who a Socket Mode payload says it is for: the workspace, the clicking user's home workspace (interactive payloads
 * only) and the app. Read from the raw payload JSON, the same for slash commands ({@code team_id}), interactive payloads
 * ({@code team.id}, {@code user.team_id}) and events ({@code team_id}); an absent field is empty.
 *
 * @param teamId the workspace the payload is from
 * @param userTeamId the acting user's team, when the payload says (interactive payloads)
 * @param apiAppId the app the payload is addressed to
 */
record PayloadIdentity(String teamId, String userTeamId, String apiAppId) {

    /** Reads the identity fields of a payload, or empty when it is not a JSON object. */
    static Optional<PayloadIdentity> read(ObjectMapper json, String payload) {
        JsonNode root;
        try {
            root = json.readTree(payload == null ? "" : payload);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
        if (root == null || !root.isObject()) {
            return Optional.empty();
        }
        String teamId = text(root.get("team_id"));
        if (teamId.isEmpty()) {
            teamId = text(root.path("team").get("id"));
        }
        return Optional.of(
                new PayloadIdentity(teamId, text(root.path("user").get("team_id")), text(root.get("api_app_id"))));
    }

    private static String text(JsonNode node) {
        return node != null && node.isTextual() ? node.asText() : "";
    }

    /** Whether the payload is for this installation: same app, same workspace, and a user of that workspace. */
    boolean matches(String expectedTeamId, String expectedApiAppId) {
        return !apiAppId.isEmpty()
                && !teamId.isEmpty()
                && apiAppId.equals(expectedApiAppId)
                && teamId.equals(expectedTeamId)
                && (userTeamId.isEmpty() || userTeamId.equals(expectedTeamId));
    }
}
