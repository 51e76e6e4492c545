package dev.runbookbot.testing.slack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.drafts.Draft;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.ServerHandshakeBuilder;
import org.java_websocket.server.WebSocketServer;

/**
 * The Socket Mode side of the fake: a WebSocket server on 127.0.0.1 that accepts {@code /link/?ticket=...} with a
 * ticket issued by {@code apps.connections.open} (each ticket once), greets every connection with {@code hello},
 * records every frame the client sends (acks with their envelope id), and answers pings (Java-WebSocket does).
 */
final class FakeSocketModeServer extends WebSocketServer {
    private final SlackWorld world;
    private final EnvelopeFactory envelopes;
    private final CountDownLatch started = new CountDownLatch(1);

    FakeSocketModeServer(SlackWorld world, EnvelopeFactory envelopes) {
        super(new InetSocketAddress("127.0.0.1", 0));
        this.world = world;
        this.envelopes = envelopes;
        setTcpNoDelay(true);
        setReuseAddr(true);
        setDaemon(true);
    }

    void startAndWait() throws InterruptedException {
        start();
        if (!started.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the fake Socket Mode server did not start within 10 s");
        }
    }

    @Override
    public ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(
            WebSocket conn, Draft draft, ClientHandshake request) throws InvalidDataException {
        ServerHandshakeBuilder builder = super.onWebsocketHandshakeReceivedAsServer(conn, draft, request);
        URI uri = URI.create(request.getResourceDescriptor());
        String ticket = null;
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                if (pair.startsWith("ticket=")) {
                    ticket = pair.substring("ticket=".length());
                }
            }
        }
        boolean accepted = ("/link/".equals(uri.getPath()) || "/link".equals(uri.getPath())) && world.useTicket(ticket);
        synchronized (world) {
            world.logEvent("socket")
                    .put("event", accepted ? "handshake" : "handshake refused")
                    .put("resource", request.getResourceDescriptor());
            world.changed();
        }
        if (!accepted) {
            throw new InvalidDataException(CloseFrame.POLICY_VALIDATION, "unknown, used or refused ticket");
        }
        conn.setAttachment(ticket);
        return builder;
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        String ticket = conn.getAttachment();
        synchronized (world) {
            // hello goes out before anything FakeSlack#send could pick this connection for
            SlackWorld.Connection c = world.opened(conn, ticket);
            conn.setAttachment(c.id);
            conn.send(envelopes
                    .hello(world.openConnectionCount(), world.home.apiAppId())
                    .toString());
        }
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        Object attachment = conn.getAttachment();
        if (attachment instanceof Integer id) {
            world.closed(id, code, reason, remote);
        }
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        long receivedNanos = System.nanoTime();
        Object attachment = conn.getAttachment();
        int connectionId = attachment instanceof Integer id ? id : 0;
        synchronized (world) {
            ObjectNode line = world.logEvent("from_client").put("connection", connectionId);
            JsonNode parsed;
            try {
                parsed = world.json.readTree(message);
            } catch (JsonProcessingException e) {
                line.put("unparseable", message);
                world.changed();
                return;
            }
            if (parsed instanceof ObjectNode frame && frame.hasNonNull("envelope_id")) {
                String envelopeId = frame.get("envelope_id").asText();
                world.acks.add(new RecordedAck(envelopeId, connectionId, frame, receivedNanos));
                line.put("ack", envelopeId);
                if (frame.has("payload")) {
                    line.set("payload", frame.get("payload"));
                }
            } else {
                line.set("frame", parsed);
            }
            world.changed();
        }
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
        synchronized (world) {
            world.logEvent("socket").put("event", "error").put("error", String.valueOf(ex));
            world.changed();
        }
    }

    @Override
    public void onStart() {
        started.countDown();
    }
}
