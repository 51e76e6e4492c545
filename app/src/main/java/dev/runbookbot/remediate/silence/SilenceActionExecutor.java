package dev.runbookbot.remediate.silence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.expr.TemplateException;
import dev.runbookbot.expr.TemplateSink;
import dev.runbookbot.remediate.ActionException;
import dev.runbookbot.remediate.ActionExecutor;
import dev.runbookbot.remediate.ActionOutcome;
import dev.runbookbot.remediate.ActionPreview;
import dev.runbookbot.remediate.ActionRequest;
import dev.runbookbot.runbook.ActionType;
import dev.runbookbot.runbook.ConfigProblem;
import dev.runbookbot.runbook.StepConfig;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * {@code silence}: creates an Alertmanager silence through its API v2 ({@code POST /api/v2/silences}) for the alert
 * the incident came from. Each matcher is one of the alert's labels with its exact value (the labels the config names,
 * or every label of the alert), {@code startsAt} is now and {@code endsAt} now plus the configured duration; the
 * comment says why (the rendered {@code comment}) and which run made it, and {@code createdBy} is runbook-bot. The
 * silence id Alertmanager returns is the run's output, so it is on the record. A run without alert labels (a manual
 * run) fails before anything is sent: a silence needs the alert it silences. Thread-safe.
 */
public final class SilenceActionExecutor implements ActionExecutor {
    private static final MediaType JSON = MediaType.get("application/json");
    private static final int EXCERPT_CHARS = 300;

    private final OkHttpClient client;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    public SilenceActionExecutor(OkHttpClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    @Override
    public ActionType type() {
        return ActionType.SILENCE;
    }

    @Override
    public Set<String> configKeys() {
        return SilenceConfig.KEYS;
    }

    @Override
    public List<ConfigProblem> validate(StepConfig config) {
        return SilenceConfigCheck.problems(config);
    }

    /** The silence as it would be posted. */
    private record Silence(
            HttpUrl url, Map<String, String> matchers, Instant startsAt, Instant endsAt, String comment) {}

    private Silence render(ActionRequest request) throws ActionException {
        List<ConfigProblem> problems = new ArrayList<>();
        Optional<SilenceConfig> parsed = SilenceConfig.parse(request.action().config(), problems);
        if (parsed.isEmpty()) {
            throw new ActionException("invalid config: "
                    + problems.stream().map(p -> p.path() + ": " + p.message()).collect(Collectors.joining("; ")));
        }
        SilenceConfig config = parsed.get();
        HttpUrl alertmanager = HttpUrl.parse(config.alertmanager().toString());
        if (alertmanager == null) {
            throw new ActionException("alertmanager '" + config.alertmanager() + "' is not an http(s) URL");
        }
        TemplateContext context = request.context();
        if (context.labels().isEmpty()) {
            throw new ActionException("the incident has no alert labels to match (a manual run); a silence needs"
                    + " the alert it silences, so nothing was sent");
        }
        Map<String, String> matchers = new LinkedHashMap<>();
        for (String name : config.matchers()
                .orElseGet(() ->
                        List.copyOf(new java.util.TreeSet<>(context.labels().keySet())))) {
            String value = context.labels().get(name);
            if (value == null || value.isEmpty()) {
                throw new ActionException("the alert has no label '" + name + "' to match; nothing was sent");
            }
            matchers.put(name, value);
        }
        String comment;
        try {
            comment = config.comment().render(context, TemplateSink.TEXT).text();
        } catch (TemplateException e) {
            throw new ActionException("comment: " + e.getMessage());
        }
        Instant startsAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return new Silence(
                alertmanager.newBuilder().addPathSegments("api/v2/silences").build(),
                matchers,
                startsAt,
                startsAt.plus(config.duration()),
                comment + " (runbook-bot, remediation " + request.remediationId() + ", run " + request.idempotencyKey()
                        + ")");
    }

    @Override
    public ActionPreview preview(ActionRequest request) throws ActionException {
        Silence silence = render(request);
        List<String> lines = new ArrayList<>();
        lines.add("POST " + silence.url());
        lines.add("matchers: " + shown(silence.matchers()));
        lines.add("from " + silence.startsAt() + " until " + silence.endsAt());
        lines.add("comment: " + silence.comment());
        return new ActionPreview("silence " + shown(silence.matchers()), lines);
    }

    @Override
    public ActionOutcome execute(ActionRequest request) {
        Silence silence;
        String body;
        try {
            silence = render(request);
            body = json.writeValueAsString(body(silence));
        } catch (ActionException e) {
            return new ActionOutcome.Failed(e.getMessage(), "");
        } catch (IOException e) {
            return new ActionOutcome.Failed("cannot write the silence as JSON: " + e.getMessage(), "");
        }
        String call = "POST " + silence.url();
        OkHttpClient perCall = client.newBuilder()
                .followRedirects(false)
                .retryOnConnectionFailure(false)
                .callTimeout(request.timeout())
                .build();
        Request post = new Request.Builder()
                .url(silence.url())
                .header("User-Agent", "runbook-bot")
                .post(RequestBody.create(body.getBytes(StandardCharsets.UTF_8), JSON))
                .build();
        try (Response response = perCall.newCall(post).execute()) {
            String text = read(response.body());
            if (!response.isSuccessful()) {
                return new ActionOutcome.Failed(
                        "HTTP " + response.code() + " from " + call + ": " + excerpt(text), "HTTP " + response.code());
            }
            JsonNode answer = json.readTree(text);
            String id = answer == null ? "" : answer.path("silenceID").asText("");
            if (id.isEmpty()) {
                return new ActionOutcome.Failed(
                        call + " answered without a silenceID: " + excerpt(text), "HTTP " + response.code());
            }
            return new ActionOutcome.Completed(
                    "silence " + id + " until " + silence.endsAt() + ", matching " + shown(silence.matchers()));
        } catch (InterruptedIOException e) {
            return new ActionOutcome.Failed(
                    "no complete response to " + call + " within "
                            + request.timeout().toSeconds() + "s; the silence may or may not have been created",
                    "");
        } catch (IOException e) {
            return new ActionOutcome.Failed(call + " failed: " + e.getMessage(), "");
        }
    }

    private ObjectNode body(Silence silence) {
        ObjectNode root = json.createObjectNode();
        ArrayNode matchers = root.putArray("matchers");
        silence.matchers().forEach((name, value) -> matchers.addObject()
                .put("name", name)
                .put("value", value)
                .put("isRegex", false)
                .put("isEqual", true));
        root.put("startsAt", silence.startsAt().toString());
        root.put("endsAt", silence.endsAt().toString());
        root.put("createdBy", "runbook-bot");
        root.put("comment", silence.comment());
        return root;
    }

    private static String read(ResponseBody body) throws IOException {
        return body == null ? "" : new String(body.source().readByteArray(), StandardCharsets.UTF_8);
    }

    private static String excerpt(String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() <= EXCERPT_CHARS ? line : line.substring(0, EXCERPT_CHARS) + "…";
    }

    private static String shown(Map<String, String> matchers) {
        return matchers.entrySet().stream()
                .map(e -> e.getKey() + "=\"" + e.getValue() + "\"")
                .collect(Collectors.joining(", ", "{", "}"));
    }
}
