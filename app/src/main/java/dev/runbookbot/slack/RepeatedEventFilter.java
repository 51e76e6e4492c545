package dev.runbookbot.slack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.MiddlewareChain;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestType;
import com.slack.api.bolt.response.Response;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bolt middleware that lets each Events API event through once. Slack delivers an event again, with the same {@code
 * event_id} and a {@code retry_attempt} above 0, when it thinks the first delivery was not acknowledged in time (a slow
 * link, a reconnect in between); without this the bot acted on it twice. A repeat is acknowledged (so Slack stops
 * retrying) and dropped, and logged with its id.
 *
 * <p>The memory is bounded and time-limited: the ids of the last {@value #MAX_REMEMBERED} events, each for {@link
 * #REMEMBERED} (Slack retries within minutes). It lives in the process, so a repeat that arrives across a restart is
 * processed again; the events the bot acts on (the Home tab) are safe to repeat. Time is read from an injectable
 * monotonic ticker (nanoseconds). Thread-safe.
 */
final class RepeatedEventFilter implements Middleware {
    private static final Logger LOG = LoggerFactory.getLogger(RepeatedEventFilter.class);

    static final Duration REMEMBERED = Duration.ofHours(1);
    static final int MAX_REMEMBERED = 10_000;

    private final ObjectMapper json;
    private final LongSupplier nanoTime;
    /** Event id to the ticker's time it was first seen, oldest first. */
    private final LinkedHashMap<String, Long> seen = new LinkedHashMap<>();

    RepeatedEventFilter(ObjectMapper json, LongSupplier nanoTime) {
        this.json = Objects.requireNonNull(json, "json");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    @Override
    @SuppressWarnings("rawtypes") // Bolt's Middleware declares the raw type
    public Response apply(Request req, Response resp, MiddlewareChain chain) throws Exception {
        if (req.getRequestType() != RequestType.Event) {
            return chain.next(req);
        }
        String eventId = eventId(req.getRequestBodyAsString());
        if (!eventId.isEmpty() && !firstTime(eventId)) {
            LOG.info("Ignored a repeated delivery of event {} (already handled)", eventId);
            return Response.ok();
        }
        return chain.next(req);
    }

    /** Records the id; false when it was seen within {@link #REMEMBERED}. */
    boolean firstTime(String eventId) {
        long now = nanoTime.getAsLong();
        synchronized (seen) {
            Iterator<Map.Entry<String, Long>> oldest = seen.entrySet().iterator();
            while (oldest.hasNext()) {
                if (now - oldest.next().getValue() < REMEMBERED.toNanos()) {
                    break;
                }
                oldest.remove();
            }
            if (seen.containsKey(eventId)) {
                return false;
            }
            seen.put(eventId, now);
            if (seen.size() > MAX_REMEMBERED) {
                seen.remove(seen.keySet().iterator().next());
            }
            return true;
        }
    }

    private String eventId(String payload) {
        try {
            JsonNode id = json.readTree(payload == null ? "" : payload).path("event_id");
            return id.isTextual() ? id.asText() : "";
        } catch (JsonProcessingException e) {
            return "";
        }
    }
}
