package dev.runbookbot.remediate.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbookbot.remediate.ActionException;
import dev.runbookbot.remediate.ActionExecutor;
import dev.runbookbot.remediate.ActionOutcome;
import dev.runbookbot.remediate.ActionPreview;
import dev.runbookbot.remediate.ActionRequest;
import dev.runbookbot.runbook.ActionType;
import dev.runbookbot.runbook.ConfigProblem;
import dev.runbookbot.runbook.StepConfig;
import dev.runbookbot.secrets.Redactor;
import dev.runbookbot.secrets.Secret;
import dev.runbookbot.secrets.SecretResolver;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLException;
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
 * {@code http_request}: one API call to a URL the runbook author wrote (see {@link HttpRequestConfig}). Redirects are
 * not followed and failed connections are not retried (a remediation must not run twice behind our back); the request
 * carries the run's {@code Idempotency-Key}, so a target that supports it can de-duplicate a deliberate retry. The
 * response status decides whether the target accepted the call; the output is the status line and the first
 * {@value #BODY_OUTPUT_CHARS} characters of the body, with every secret the request used masked before anything is
 * cut, stored or shown. One shared {@link OkHttpClient} (its connection pool and dispatcher) is derived per call with
 * the step's timeout as the whole call's deadline.
 */
public final class HttpRequestActionExecutor implements ActionExecutor {
    static final int BODY_OUTPUT_CHARS = 8_000;
    static final int BODY_READ_BYTES = 32 * 1024;
    static final int PREVIEW_BODY_CHARS = 4_000;
    static final int REASON_EXCERPT_CHARS = 300;

    private final OkHttpClient client;
    private final SecretResolver secrets;
    private final ObjectMapper json = new ObjectMapper();

    public HttpRequestActionExecutor(OkHttpClient client, SecretResolver secrets) {
        this.client = client;
        this.secrets = secrets;
    }

    @Override
    public ActionType type() {
        return ActionType.HTTP_REQUEST;
    }

    @Override
    public Set<String> configKeys() {
        return HttpRequestConfig.KEYS;
    }

    @Override
    public List<ConfigProblem> validate(StepConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        HttpRequestConfig.parse(config, problems);
        return problems;
    }

    @Override
    public ActionPreview preview(ActionRequest request) throws ActionException {
        RenderedRequest r = RenderedRequest.of(request, json);
        List<String> lines = new ArrayList<>();
        lines.add(r.config().method() + " " + r.url());
        for (HeaderSpec.FromSecret s : r.secretHeaders()) {
            lines.add(s.name() + ": " + s.prefix() + "<secret:" + s.secretName() + ">");
        }
        r.headers().forEach(h -> lines.add(h.getKey() + ": " + h.getValue()));
        r.contentType().ifPresent(t -> lines.add("Content-Type: " + t));
        idempotencyKey(request).ifPresent(k -> lines.add("Idempotency-Key: " + k));
        r.body().ifPresent(body -> {
            lines.add("");
            lines.add(
                    body.length() <= PREVIEW_BODY_CHARS
                            ? body
                            : body.substring(0, PREVIEW_BODY_CHARS) + "… (" + body.length() + " characters)");
        });
        lines.add("(expects HTTP " + r.config().expectStatus() + "; redirects are not followed; timeout "
                + describe(r.timeout()) + ")");
        return new ActionPreview(r.config().method() + " " + withoutQuery(r.url()), lines);
    }

    @Override
    public ActionOutcome execute(ActionRequest request) {
        RenderedRequest r;
        try {
            r = RenderedRequest.of(request, json);
        } catch (ActionException e) {
            return new ActionOutcome.Failed(e.getMessage(), "");
        }
        Request.Builder builder = new Request.Builder().url(r.url()).header("User-Agent", "runbook-bot");
        List<Secret> used = new ArrayList<>();
        for (HeaderSpec.FromSecret s : r.secretHeaders()) {
            Optional<Secret> secret = secrets.resolve(s.secretName());
            if (secret.isEmpty()) {
                return new ActionOutcome.Failed(
                        "the secret '" + s.secretName() + "' for header " + s.name() + " is not set (runbookctl secret"
                                + " set " + s.secretName() + "); nothing was sent",
                        "");
            }
            String value = s.prefix() + secret.get().reveal();
            if (HttpRequestConfig.checkHeaderValue(value).isPresent()) {
                return new ActionOutcome.Failed(
                        "the secret '" + s.secretName() + "' cannot be sent in header " + s.name()
                                + ": it contains a line break or a character outside printable ASCII; nothing was"
                                + " sent",
                        "");
            }
            used.add(secret.get());
            builder.header(s.name(), value);
        }
        r.headers().forEach(h -> builder.header(h.getKey(), h.getValue()));
        idempotencyKey(request).ifPresent(k -> builder.header("Idempotency-Key", k));
        RequestBody body = r.body().isPresent()
                ? RequestBody.create(
                        r.body().get().getBytes(StandardCharsets.UTF_8),
                        MediaType.parse(r.contentType().orElseThrow()))
                : (requiresBody(r.config().method()) ? RequestBody.create(new byte[0], null) : null);
        builder.method(r.config().method(), body);
        Redactor mask = Redactor.of(used);
        String call = r.config().method() + " " + withoutQuery(r.url());
        OkHttpClient perCall = client.newBuilder()
                .followRedirects(false)
                .followSslRedirects(false)
                .retryOnConnectionFailure(false)
                .callTimeout(r.timeout())
                .build();
        try (Response response = perCall.newCall(builder.build()).execute()) {
            String status = "HTTP " + response.code() + (response.message().isEmpty() ? "" : " " + response.message());
            String excerpt = readBody(response.body(), mask);
            String output = excerpt.isEmpty() ? status : status + "\n" + excerpt;
            if (r.config().expectStatus().accepts(response.code())) {
                return new ActionOutcome.Completed(output);
            }
            StringBuilder reason = new StringBuilder(status)
                    .append(" from ")
                    .append(call)
                    .append(" (expected ")
                    .append(r.config().expectStatus())
                    .append(')');
            if (response.isRedirect()) {
                reason.append("; redirects are not followed");
                String location = response.header("Location");
                if (location != null) {
                    reason.append(" (Location: ").append(mask.redact(location)).append(')');
                }
            }
            if (!excerpt.isEmpty()) {
                reason.append(": ").append(shortExcerpt(excerpt));
            }
            return new ActionOutcome.Failed(reason.toString(), output);
        } catch (InterruptedIOException e) {
            return new ActionOutcome.Failed(
                    "no complete response to " + call + " within " + describe(r.timeout())
                            + "; the request may or may not have been applied",
                    "");
        } catch (UnknownHostException e) {
            return new ActionOutcome.Failed(
                    "cannot resolve " + r.url().host() + " for " + call + "; nothing was sent", "");
        } catch (ConnectException e) {
            return new ActionOutcome.Failed(
                    "cannot connect to " + r.url().host() + ":" + r.url().port() + " for " + call + ": "
                            + e.getMessage() + "; nothing was sent",
                    "");
        } catch (SSLException e) {
            return new ActionOutcome.Failed(
                    "TLS with " + r.url().host() + " failed for " + call + ": " + e.getMessage(), "");
        } catch (IOException e) {
            return new ActionOutcome.Failed(
                    call + " failed: " + mask.redact(String.valueOf(e.getMessage()))
                            + "; the request may or may not have reached the server",
                    "");
        }
    }

    /** Reads at most enough of the body to show {@value #BODY_OUTPUT_CHARS} characters, masks it, then cuts it. */
    private static String readBody(ResponseBody body, Redactor mask) throws IOException {
        if (body == null) {
            return "";
        }
        // A secret that starts before the read limit must be read whole to be masked; a char is at most 3 UTF-8 bytes.
        long limit = BODY_READ_BYTES + 3L * mask.longestValue();
        BufferedSource source = body.source();
        boolean more = source.request(limit + 1);
        Buffer buffer = source.getBuffer();
        byte[] bytes = buffer.readByteArray(Math.min(buffer.size(), limit));
        String text = mask.redact(new String(bytes, StandardCharsets.UTF_8));
        if (text.length() > BODY_OUTPUT_CHARS) {
            return text.substring(0, BODY_OUTPUT_CHARS) + "\n… (response body truncated)";
        }
        return more ? text + "\n… (response body truncated)" : text;
    }

    private static String shortExcerpt(String excerpt) {
        String oneLine = excerpt.replace('\r', ' ').replace('\n', ' ').strip();
        return oneLine.length() <= REASON_EXCERPT_CHARS ? oneLine : oneLine.substring(0, REASON_EXCERPT_CHARS) + "…";
    }

    private static Optional<String> idempotencyKey(ActionRequest request) {
        return Optional.ofNullable(request.idempotencyKey()).filter(k -> !k.isBlank());
    }

    private static boolean requiresBody(String method) {
        return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
    }

    private static HttpUrl withoutQuery(HttpUrl url) {
        return url.newBuilder().query(null).fragment(null).build();
    }

    private static String describe(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
