package dev.runbookbot.testing.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import okhttp3.FormBody;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fake's own Web API behaviour, driven by a plain HTTP client (no Slack SDK involved). */
class FakeSlackTest {
    private final FakeSlack slack = FakeSlack.start();
    private final OkHttpClient http =
            new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void stop() {
        slack.close();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    @Test
    void anUnknownMethodIsUnknownMethod() throws IOException {
        Reply r = form("chat.postMessag", slack.botToken(), "channel", "C111");

        assertEquals(200, r.status);
        assertEquals("unknown_method", r.json.path("error").asText());
        assertEquals("chat.postMessag", r.json.path("req_method").asText());
    }

    @Test
    void tokensAreCheckedFromTheHeaderOrTheForm() throws IOException {
        assertEquals("not_authed", form("auth.test", null).json.path("error").asText());
        assertEquals(
                "invalid_auth",
                form("auth.test", "xoxb-nope").json.path("error").asText());
        assertTrue(form("auth.test", null, "token", slack.botToken())
                .json
                .path("ok")
                .asBoolean());
        assertEquals(
                "not_allowed_token_type",
                form("chat.postMessage", slack.appToken(), "channel", "C111", "text", "x")
                        .json
                        .path("error")
                        .asText());
        assertEquals(
                "not_allowed_token_type",
                form("apps.connections.open", slack.botToken())
                        .json
                        .path("error")
                        .asText());
        assertEquals(
                List.of("none", "unknown", "bot", "app", "bot"),
                slack.calls().stream().map(RecordedCall::tokenKind).toList());
    }

    @Test
    void authTestAnswersForBothTokens() throws IOException {
        Reply bot = form("auth.test", slack.botToken());
        Reply app = form("auth.test", slack.appToken());

        assertEquals("T111", bot.json.path("team_id").asText());
        assertEquals(slack.botUserId(), bot.json.path("user_id").asText());
        assertTrue(bot.json.has("bot_id"));
        assertEquals(
                "chat:write,commands,usergroups:read,channels:read,groups:read,users:read",
                bot.header("x-oauth-scopes"));
        assertEquals("T111", app.json.path("team_id").asText());
        assertEquals("connections:write", app.header("x-oauth-scopes"));
    }

    @Test
    void everyConnectionsOpenHandsOutAFreshLoopbackTicket() throws IOException {
        String first =
                form("apps.connections.open", slack.appToken()).json.path("url").asText();
        String second =
                form("apps.connections.open", slack.appToken()).json.path("url").asText();

        assertTrue(first.startsWith("ws://127.0.0.1:"), first);
        assertTrue(first.contains("/link/?ticket="), first);
        assertNotEquals(first, second);
    }

    @Test
    void jsonBodiesWorkLikeForms() throws IOException {
        Request request = new Request.Builder()
                .url(slack.apiUrl() + "chat.postMessage")
                .header("Authorization", "Bearer " + slack.botToken())
                .post(RequestBody.create(
                        "{\"channel\":\"C111\",\"text\":\"hi\",\"blocks\":[{\"type\":\"divider\"}],\"unfurl_links\":false}",
                        MediaType.get("application/json; charset=utf-8")))
                .build();

        Reply r = call(request);

        PostedMessage m = slack.message(r.json.path("ts").asText()).orElseThrow();
        assertEquals("hi", m.text());
        assertEquals(Boolean.FALSE, m.unfurlLinks());
        assertEquals(null, m.unfurlMedia());
        assertEquals(1, m.blocks().size());
        assertTrue(m.blocks().get(0).has("block_id"), "Slack gives stored blocks an id");
    }

    @Test
    void rateLimitedAnswersLookLikeSlacks() throws IOException {
        slack.inject(FaultRule.on("chat.postMessage", Fault.rateLimited(3)));

        Reply r = form("chat.postMessage", slack.botToken(), "channel", "C111", "text", "x");

        String fixture = resource("/fixtures/slack-web-api/ratelimited.java-slack-sdk-MockSlackApi.http");
        assertTrue(fixture.startsWith("HTTP/1.1 " + r.status + " "), fixture);
        assertTrue(fixture.contains("Retry-After: " + r.header("Retry-After")), fixture);
        assertTrue(fixture.endsWith(r.json.toString()), fixture);
        Reply tooSoon = form("chat.postMessage", slack.botToken(), "channel", "C111", "text", "x");
        assertEquals(200, tooSoon.status);
        assertEquals(1, slack.callsInsideRetryAfterWindows().size(), "the second call came inside the 3 s window");
    }

    @Test
    void faultsCanBeLimitedToAChannel() throws IOException {
        slack.addChannel(FakeChannel.publicWithBot("C222", "other"));
        slack.inject(FaultRule.on("chat.postMessage", Fault.error("is_archived"))
                .inChannel("C222")
                .times(2));

        assertTrue(form("chat.postMessage", slack.botToken(), "channel", "C111", "text", "x")
                .json
                .path("ok")
                .asBoolean());
        assertEquals(
                "is_archived",
                form("chat.postMessage", slack.botToken(), "channel", "C222", "text", "x")
                        .json
                        .path("error")
                        .asText());
        assertEquals(
                "is_archived",
                form("chat.postMessage", slack.botToken(), "channel", "C222", "text", "x")
                        .json
                        .path("error")
                        .asText());
        assertTrue(form("chat.postMessage", slack.botToken(), "channel", "C222", "text", "x")
                .json
                .path("ok")
                .asBoolean());
    }

    @Test
    void tooMuchBlockTextIsMsgBlocksTooLong() throws IOException {
        slack.setBlocksTooLongAt(100);
        String blocks = "[{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"" + "x".repeat(101) + "\"}}]";

        Reply r = form("chat.postMessage", slack.botToken(), "channel", "C111", "blocks", blocks);

        assertEquals("msg_blocks_too_long", r.json.path("error").asText());
    }

    @Test
    void invalidBlocksComeWithJsonPointerMessages() throws IOException {
        String blocks = "[{\"type\":\"divider\"},{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\""
                + "x".repeat(3001) + "\"}}]";

        Reply r = form("chat.postMessage", slack.botToken(), "channel", "C111", "blocks", blocks);

        assertEquals("invalid_blocks", r.json.path("error").asText());
        assertEquals(
                "[ERROR] must be less than 3001 characters [json-pointer:/blocks/1/text/text]",
                r.json.at("/response_metadata/messages/0").asText());
        assertEquals(r.json.at("/response_metadata/messages"), r.json.get("errors"));
    }

    @Test
    void updatesNeedAnExistingMessageOfTheBot() throws IOException {
        PostedMessage theirs = slack.postAsUser("C111", "U111", "hi");

        assertEquals(
                "message_not_found",
                form("chat.update", slack.botToken(), "channel", "C111", "ts", "1.2", "text", "x")
                        .json
                        .path("error")
                        .asText());
        assertEquals(
                "cant_update_message",
                form("chat.update", slack.botToken(), "channel", "C111", "ts", theirs.ts(), "text", "x")
                        .json
                        .path("error")
                        .asText());
    }

    @Test
    void clicksOnlyOnButtonsTheBotPosted() throws IOException {
        PostedMessage theirs = slack.postAsUser("C111", "U111", "hi");
        String blocks = "[{\"type\":\"actions\",\"elements\":[{\"type\":\"button\",\"action_id\":\"runbook.approve\","
                + "\"text\":{\"type\":\"plain_text\",\"text\":\"Approve\"},\"value\":\"run-1\"}]}]";
        String ts = form("chat.postMessage", slack.botToken(), "channel", "C111", "blocks", blocks)
                .json
                .path("ts")
                .asText();

        IllegalArgumentException unknownTs =
                assertThrows(IllegalArgumentException.class, () -> slack.clickButton("9.9", "runbook.approve", "U111"));
        assertTrue(unknownTs.getMessage().startsWith("no message with ts 9.9 was posted"), unknownTs.getMessage());
        IllegalArgumentException noButton =
                assertThrows(IllegalArgumentException.class, () -> slack.clickButton(ts, "runbook.reject", "U111"));
        assertEquals(
                "message " + ts + " has no button with action_id runbook.reject; its buttons are [runbook.approve]",
                noButton.getMessage());
        assertThrows(IllegalArgumentException.class, () -> slack.clickButton(theirs.ts(), "runbook.approve", "U111"));
    }

    @Test
    void aResponseUrlTheFakeNeverHandedOutIsNotFound() throws IOException {
        Reply r = postJson(slack.apiUrl().resolve("/hooks/T1/unknown").toString(), "{\"text\":\"x\"}");

        assertEquals(404, r.status);
        assertEquals("expired_url", r.json.path("error").asText());
        assertTrue(slack.responseUrlPosts().isEmpty());
    }

    @Test
    void waitsFailWithTheLog() {
        AssertionError e = assertThrows(AssertionError.class, () -> slack.awaitAck("nope", Duration.ofMillis(50)));

        assertTrue(e.getMessage().startsWith("fake Slack: timed out after 50 ms waiting for the ack of envelope nope"));
        assertTrue(e.getMessage().contains("--- fake Slack log (JSONL) ---"));
    }

    private Reply form(String method, String bearer, String... pairs) throws IOException {
        FormBody.Builder body = new FormBody.Builder();
        for (int i = 0; i < pairs.length; i += 2) {
            body.add(pairs[i], pairs[i + 1]);
        }
        Request.Builder request =
                new Request.Builder().url(slack.apiUrl() + method).post(body.build());
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return call(request.build());
    }

    private Reply postJson(String url, String json) throws IOException {
        return call(new Request.Builder()
                .url(url)
                .post(RequestBody.create(json, MediaType.get("application/json")))
                .build());
    }

    private Reply call(Request request) throws IOException {
        try (Response response = http.newCall(request).execute()) {
            String body = response.body() == null ? "" : response.body().string();
            return new Reply(response.code(), slack.json().readTree(body), response);
        }
    }

    private static String resource(String name) throws IOException {
        try (var in = FakeSlackTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }

    private record Reply(int status, JsonNode json, Response response) {
        String header(String name) {
            return response.header(name);
        }
    }
}
