package dev.runbookbot.testing.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runbookbot.testing.Poll;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Several Socket Mode connections of one app, as several replicas of the bot hold them: the fake spreads envelopes
 * over the open ones in turn, leaves a dropped one out, and, like Slack, holds at most 10 at once. Driven by plain
 * WebSocket clients (no Slack SDK involved).
 */
class FakeSlackSocketsTest {
    private final FakeSlack slack = FakeSlack.start();
    private final OkHttpClient http = new OkHttpClient();
    private final List<Client> clients = new ArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        for (Client client : clients) {
            client.closeBlocking();
        }
        slack.close();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    @Test
    void envelopesGoToEachOpenConnectionInTurnAndNotToADroppedOne() throws Exception {
        for (int i = 0; i < 3; i++) {
            connect();
        }
        slack.awaitOpenConnections(3);
        slack.spreadEnvelopes(EnvelopeSpread.ROUND_ROBIN);

        List<SentEnvelope> sent = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            sent.add(slack.sendSlashCommand("/runbook", "list " + i, "U111", "C111"));
        }

        assertEquals(
                List.of(1, 2, 3, 1, 2, 3),
                sent.stream().map(SentEnvelope::connectionId).toList());
        for (Client client : clients) {
            Poll.until(
                    "two commands on one client",
                    Duration.ofSeconds(10),
                    () -> client.commands().size() == 2 ? Optional.of(true) : Optional.empty());
        }

        slack.dropConnection(2);
        slack.awaitClosed(2);
        List<Integer> after = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            after.add(slack.sendSlashCommand("/runbook", "list", "U111", "C111").connectionId());
        }
        assertEquals(
                Map.of(1, 2L, 3, 2L), after.stream().collect(Collectors.groupingBy(c -> c, Collectors.counting())));
        assertEquals(2, clients.get(1).commands().size(), "the dropped client got nothing more");
    }

    @Test
    void byDefaultEveryEnvelopeGoesToTheNewestConnection() throws Exception {
        connect();
        connect();
        slack.awaitOpenConnections(2);

        assertEquals(
                2, slack.sendSlashCommand("/runbook", "list", "U111", "C111").connectionId());
        assertEquals(
                2, slack.sendSlashCommand("/runbook", "list", "U111", "C111").connectionId());
    }

    @Test
    void likeSlackTheFakeHoldsAtMostTenConnectionsOfTheApp() throws Exception {
        for (int i = 0; i < 10; i++) {
            assertTrue(connect().isOpen());
        }
        slack.awaitOpenConnections(10);

        Client eleventh = connect();
        assertFalse(eleventh.isOpen(), "the eleventh handshake is refused");
        assertEquals(
                10, slack.connections().stream().filter(SocketConnection::open).count());
        assertFalse(slack.log().contains("\"connection\":11"), slack.log());
    }

    /** Opens a connection with a fresh ticket, as a replica does at start. */
    private Client connect() throws IOException, InterruptedException {
        Request request = new Request.Builder()
                .url(slack.apiUrl() + "apps.connections.open")
                .header("Authorization", "Bearer " + slack.appToken())
                .post(new FormBody.Builder().build())
                .build();
        String url;
        try (Response response = http.newCall(request).execute()) {
            url = slack.json().readTree(response.body().string()).path("url").asText();
        }
        Client client = new Client(URI.create(url));
        clients.add(client);
        client.connectBlocking(10, TimeUnit.SECONDS);
        return client;
    }

    /** A WebSocket client that records the commands it receives and acknowledges every envelope. */
    private final class Client extends WebSocketClient {
        private final List<String> commands = new CopyOnWriteArrayList<>();

        Client(URI uri) {
            super(uri);
        }

        List<String> commands() {
            return List.copyOf(commands);
        }

        @Override
        public void onOpen(ServerHandshake handshake) {}

        @Override
        public void onMessage(String message) {
            try {
                JsonNode frame = slack.json().readTree(message);
                if (frame.has("envelope_id")) {
                    send("{\"envelope_id\":\"" + frame.get("envelope_id").asText() + "\"}");
                    commands.add(frame.path("payload").path("text").asText());
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void onClose(int code, String reason, boolean remote) {}

        @Override
        public void onError(Exception ex) {}
    }
}
