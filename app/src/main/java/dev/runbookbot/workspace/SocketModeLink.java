package dev.runbookbot.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Socket Mode side: the bot opens a WebSocket with a ticket that {@code apps.connections.open} handed out, gets
 * {@code hello}, and from then on receives envelopes and acknowledges each with its {@code envelope_id}. An
 * acknowledgement that carries a response payload (a slash command's immediate answer) goes to {@code onAckPayload}.
 */
final class SocketModeLink {
    private static final Logger log = LoggerFactory.getLogger(SocketModeLink.class);

    private final ObjectMapper json;
    private final Envelopes envelopes;
    private final Set<String> tickets = ConcurrentHashMap.newKeySet();
    private final Map<String, WsContext> open = new ConcurrentHashMap<>();
    private final BiConsumer<String, JsonNode> onAckPayload;

    SocketModeLink(ObjectMapper json, Envelopes envelopes, BiConsumer<String, JsonNode> onAckPayload) {
        this.json = json;
        this.envelopes = envelopes;
        this.onAckPayload = onAckPayload;
    }

    String newTicket() {
        String ticket = java.util.UUID.randomUUID().toString();
        tickets.add(ticket);
        return ticket;
    }

    void configure(WsConfig ws) {
        ws.onConnect(ctx -> {
            String ticket = ctx.queryParam("ticket");
            if (ticket == null || !tickets.remove(ticket)) {
                ctx.closeSession(4001, "invalid ticket");
                return;
            }
            ctx.enableAutomaticPings();
            open.put(ctx.sessionId(), ctx);
            ctx.send(json.writeValueAsString(envelopes.hello(open.size())));
        });
        ws.onMessage(ctx -> {
            JsonNode frame = json.readTree(ctx.message());
            String envelopeId = frame.path("envelope_id").asText("");
            if (!envelopeId.isEmpty() && frame.has("payload")) {
                onAckPayload.accept(envelopeId, frame.path("payload"));
            }
        });
        ws.onClose(ctx -> open.remove(ctx.sessionId()));
        ws.onError(ctx -> {
            open.remove(ctx.sessionId());
            log.debug("socket mode connection failed", ctx.error());
        });
    }

    boolean connected() {
        return !open.isEmpty();
    }

    /** Sends {@code envelope} on one open connection; empty when the bot is not connected. */
    Optional<String> send(ObjectNode envelope) {
        for (WsContext ctx : open.values()) {
            try {
                ctx.send(json.writeValueAsString(envelope));
                return Optional.of(envelope.path("envelope_id").asText());
            } catch (RuntimeException | com.fasterxml.jackson.core.JsonProcessingException e) {
                open.remove(ctx.sessionId());
            }
        }
        return Optional.empty();
    }

    void closeAll() {
        open.values().forEach(ctx -> {
            try {
                ctx.closeSession();
            } catch (RuntimeException e) {
                log.debug("closing a socket mode connection failed", e);
            }
        });
        open.clear();
    }
}
