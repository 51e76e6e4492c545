package dev.runbookbot.remediate.escalate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runbookbot.remediate.PageResult;
import dev.runbookbot.secrets.Secret;
import dev.runbookbot.secrets.SecretResolver;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;

/**
 * The PagerDuty Events API v2 client: posts a {@link TriggerEvent} to {@code <base>/v2/enqueue} with the routing key
 * read from its secret at call time, and reads PagerDuty's answer: 202 accepted; 400 an invalid event (not retried: it
 * cannot get better); 429 and 5xx and no answer retried up to the configured attempts (the {@code dedup_key} makes a
 * retry join the first event, never page twice). Redirects are not followed. The routing key never appears in a result
 * or a log line: PagerDuty's answers are masked before they are quoted. Thread-safe; blocks for the calls and pauses.
 */
final class PagerDutyEvents {
    static final String SOURCE = "runbook-bot";
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final int MAX_ANSWER_BYTES = 16 * 1024;
    private static final int MAX_QUOTED = 300;

    private final OkHttpClient client;
    private final PagerDutyEventsSettings settings;
    private final SecretResolver secrets;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpUrl enqueue;

    PagerDutyEvents(OkHttpClient client, PagerDutyEventsSettings settings, SecretResolver secrets) {
        this.client = client.newBuilder()
                .followRedirects(false)
                .followSslRedirects(false)
                .retryOnConnectionFailure(false)
                .callTimeout(settings.timeout())
                .build();
        this.settings = settings;
        this.secrets = secrets;
        this.enqueue = HttpUrl.get(settings.baseUrl().toString())
                .newBuilder()
                .addPathSegments("v2/enqueue")
                .build();
    }

    /** {@code POST .../v2/enqueue} without the query string or credentials, for previews and messages. */
    String endpoint() {
        return "POST " + enqueue;
    }

    String defaultRoutingKeySecret() {
        return settings.routingKeySecret();
    }

    PageResult trigger(TriggerEvent event) {
        Secret routingKey = secrets.resolve(event.routingKeySecret()).orElse(null);
        if (routingKey == null || routingKey.reveal().isBlank()) {
            return new PageResult.Failed("the PagerDuty routing key secret '" + event.routingKeySecret()
                    + "' is not set (runbookctl secret set " + event.routingKeySecret() + "); nothing was sent");
        }
        byte[] body = body(event, routingKey);
        List<String> failures = new ArrayList<>();
        for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
            if (attempt > 1 && !pause(settings.retryPause().multipliedBy(attempt - 1))) {
                failures.add("interrupted before attempt " + attempt);
                break;
            }
            Request request = new Request.Builder()
                    .url(enqueue)
                    .header("User-Agent", SOURCE)
                    .post(RequestBody.create(body, JSON))
                    .build();
            try (Response response = client.newCall(request).execute()) {
                String answer = mask(read(response.body()), routingKey);
                int code = response.code();
                if (code == 202 || (code >= 200 && code < 300)) {
                    return new PageResult.Paged("PagerDuty accepted the event, dedup_key " + dedupKey(answer, event));
                }
                String what = "HTTP " + code + " from PagerDuty" + quoted(answer);
                if (code == 429 || code >= 500) {
                    failures.add(what);
                    continue;
                }
                return new PageResult.Failed(
                        code == 400 ? "PagerDuty refused the event as invalid: " + what : what + "; not retried");
            } catch (InterruptedIOException e) {
                failures.add("no answer from " + enqueue.host() + " within "
                        + settings.timeout().toMillis() + " ms");
            } catch (IOException e) {
                failures.add("cannot reach " + enqueue.host() + ":" + enqueue.port() + ": "
                        + mask(String.valueOf(e.getMessage()), routingKey));
            }
        }
        return new PageResult.Failed("PagerDuty did not accept the event after " + failures.size() + " attempt(s): "
                + String.join("; ", failures));
    }

    private byte[] body(TriggerEvent event, Secret routingKey) {
        ObjectNode root = json.createObjectNode();
        root.put("routing_key", routingKey.reveal());
        root.put("event_action", "trigger");
        root.put("dedup_key", event.dedupKey());
        root.put("client", SOURCE);
        ObjectNode payload = root.putObject("payload");
        payload.put("summary", event.summary());
        payload.put("source", SOURCE);
        payload.put("severity", event.severity());
        event.component().ifPresent(component -> payload.put("component", component));
        ObjectNode details = payload.putObject("custom_details");
        event.details().entrySet().stream()
                .sorted(java.util.Map.Entry.comparingByKey())
                .forEach(e -> details.put(e.getKey(), e.getValue()));
        event.link().ifPresent(link -> {
            ObjectNode entry = root.putArray("links").addObject();
            entry.put("href", link);
            entry.put("text", "Incident thread");
        });
        try {
            return json.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("writing a PagerDuty event failed", e);
        }
    }

    private String dedupKey(String answer, TriggerEvent event) {
        try {
            JsonNode node = json.readTree(answer);
            if (node != null && node.path("dedup_key").isTextual()) {
                return node.path("dedup_key").asText();
            }
        } catch (JsonProcessingException e) {
            // not JSON: PagerDuty's answer to a 2xx is informational only
        }
        return event.dedupKey();
    }

    private static String read(ResponseBody body) throws IOException {
        if (body == null) {
            return "";
        }
        BufferedSource source = body.source();
        source.request(MAX_ANSWER_BYTES);
        Buffer buffer = source.getBuffer();
        return new String(buffer.readByteArray(Math.min(buffer.size(), MAX_ANSWER_BYTES)), StandardCharsets.UTF_8);
    }

    private static String quoted(String answer) {
        String text = answer.strip().replaceAll("\\s+", " ");
        if (text.isEmpty()) {
            return "";
        }
        return ": " + (text.length() <= MAX_QUOTED ? text : text.substring(0, MAX_QUOTED) + "…");
    }

    private static String mask(String text, Secret secret) {
        String value = secret.reveal();
        return value.isEmpty() ? text : text.replace(value, "<secret:" + secret.name() + ">");
    }

    private static boolean pause(Duration pause) {
        try {
            TimeUnit.NANOSECONDS.sleep(pause.toNanos());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
