package dev.runbookbot.remediate.http;

import dev.runbookbot.expr.Template;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.expr.TemplateException;
import dev.runbookbot.expr.TemplateSink;
import dev.runbookbot.remediate.ActionException;
import dev.runbookbot.runbook.ConfigProblem;
import dev.runbookbot.runbook.StepConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.MediaType;

/**
 * The config of {@code http_request}:
 *
 * <pre>
 * method: POST                      # GET, POST, PUT, PATCH or DELETE
 * url: https://api.example.com/v1/services/{{ labels.service }}/restart   # placeholders only in path and query
 * headers:
 *   Authorization: {secret: api-token, prefix: "Bearer "}
 *   X-Reason: "alert {{ labels.alertname }}"
 * body: {service: "{{ labels.service }}", replicas: "{{ params.replicas }}"}   # a map or list is sent as JSON
 * expect_status: [200, 202]         # default 2xx; redirects are never followed
 * timeout: 10s                      # default: the step's timeout
 * </pre>
 *
 * The URL is rendered with {@link TemplateSink#URL}: alert data is percent-encoded into a path segment or a query
 * value and can never choose the scheme, host or port. {@code Host}, {@code Content-Length}, {@code Transfer-Encoding},
 * {@code Connection} and {@code Idempotency-Key} are set by the bot and cannot be configured.
 */
public record HttpRequestConfig(
        String method,
        Template url,
        List<HeaderSpec> headers,
        Optional<BodySpec> body,
        ExpectedStatus expectStatus,
        Optional<Duration> timeout) {
    public static final Set<String> KEYS = Set.of("method", "url", "headers", "body", "expect_status", "timeout");
    static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
    static final Set<String> RESERVED_HEADERS =
            Set.of("host", "content-length", "transfer-encoding", "connection", "idempotency-key");

    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Pattern DURATION = Pattern.compile("([0-9]{1,9})(ms|s|m)?");
    private static final Pattern SINGLE_PLACEHOLDER =
            Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\.([A-Za-z_][A-Za-z0-9_]*)\\s*}}");

    public HttpRequestConfig {
        headers = List.copyOf(headers);
    }

    /** Parses {@code config}, adding every problem to {@code problems}; empty when there was one. */
    public static Optional<HttpRequestConfig> parse(StepConfig config, List<ConfigProblem> problems) {
        int before = problems.size();
        for (String key : config.values().keySet()) {
            if (!KEYS.contains(key)) {
                problems.add(new ConfigProblem(
                        config.pathOf(key),
                        "unknown key '" + key + "'; http_request takes body, expect_status, headers, method, timeout,"
                                + " url"));
            }
        }
        String method = config.string("method")
                .map(m -> m.trim().toUpperCase(Locale.ROOT))
                .orElse("");
        if (!METHODS.contains(method)) {
            problems.add(new ConfigProblem(
                    config.pathOf("method"),
                    config.get("method").isEmpty()
                            ? "method is required"
                            : "method must be one of GET, POST, PUT, PATCH, DELETE"));
        }
        Optional<Template> url = url(config, problems);
        List<HeaderSpec> headers = headers(config, problems);
        Optional<BodySpec> body = RequestBodyParser.parse(config, headers, problems);
        if (config.get("body").isEmpty()
                && headers.stream().anyMatch(h -> h.name().equalsIgnoreCase("Content-Type"))) {
            problems.add(new ConfigProblem(
                    config.pathOf("headers") + ".Content-Type", "Content-Type is set but the request has no body"));
        }
        if (body.isPresent() && method.equals("GET")) {
            problems.add(new ConfigProblem(config.pathOf("body"), "a GET request carries no body"));
        }
        ExpectedStatus expect = expectStatus(config, problems);
        Optional<Duration> timeout = timeout(config, problems);
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new HttpRequestConfig(method, url.orElseThrow(), headers, body, expect, timeout));
    }

    private static Optional<Template> url(StepConfig config, List<ConfigProblem> problems) {
        Optional<String> text = config.string("url").map(String::trim).filter(s -> !s.isEmpty());
        if (text.isEmpty()) {
            problems.add(new ConfigProblem(config.pathOf("url"), "url is required"));
            return Optional.empty();
        }
        try {
            Template template = Template.parse(text.get());
            template.checkPlacement(TemplateSink.URL);
            // Every placeholder stands in the path or query: a sample rendering shows whether the rest is a URL.
            String rendered = template.renderSample("x", TemplateSink.URL).text();
            Optional<String> problem = checkUrl(rendered);
            if (problem.isPresent()) {
                problems.add(new ConfigProblem(config.pathOf("url"), problem.get()));
                return Optional.empty();
            }
            return Optional.of(template);
        } catch (TemplateException e) {
            problems.add(new ConfigProblem(config.pathOf("url"), e.getMessage()));
            return Optional.empty();
        }
    }

    private static Optional<String> checkUrl(String url) {
        HttpUrl parsed = HttpUrl.parse(url);
        if (parsed == null) {
            return Optional.of("not an absolute http:// or https:// URL: " + url);
        }
        if (!parsed.username().isEmpty() || !parsed.password().isEmpty()) {
            return Optional.of("the URL carries credentials; send them in a header such as Authorization:"
                    + " {secret: NAME, prefix: \"Bearer \"}");
        }
        return Optional.empty();
    }

    private static List<HeaderSpec> headers(StepConfig config, List<ConfigProblem> problems) {
        Optional<Object> raw = config.get("headers");
        if (raw.isEmpty()) {
            return List.of();
        }
        if (!(raw.get() instanceof Map<?, ?> map)) {
            problems.add(new ConfigProblem(config.pathOf("headers"), "headers must be a map of name: value"));
            return List.of();
        }
        List<HeaderSpec> headers = new ArrayList<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String name = String.valueOf(e.getKey());
            String path = config.pathOf("headers") + "." + name;
            if (!TOKEN.matcher(name).matches()) {
                problems.add(new ConfigProblem(path, "'" + name + "' is not a valid HTTP header name"));
                continue;
            }
            if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                problems.add(new ConfigProblem(path, name + " is set by the bot and cannot be configured"));
                continue;
            }
            Object value = e.getValue();
            if (value instanceof Map<?, ?> secret) {
                secretHeader(name, secret, path, problems).ifPresent(headers::add);
            } else if (value == null || value instanceof List) {
                problems.add(new ConfigProblem(path, "a header value is a string or {secret: NAME, prefix: \"...\"}"));
            } else {
                try {
                    String text = String.valueOf(value);
                    if (name.equalsIgnoreCase("Content-Type")
                            && (Template.isTemplated(text) || MediaType.parse(text) == null)) {
                        problems.add(new ConfigProblem(
                                path, "Content-Type must be a literal media type such as application/json"));
                        continue;
                    }
                    if (!Template.isTemplated(text)) {
                        Optional<String> bad = checkHeaderValue(text);
                        if (bad.isPresent()) {
                            problems.add(new ConfigProblem(path, "the value " + bad.get()));
                            continue;
                        }
                    }
                    headers.add(new HeaderSpec.Templated(name, Template.parse(text)));
                } catch (TemplateException ex) {
                    problems.add(new ConfigProblem(path, ex.getMessage()));
                }
            }
        }
        return headers;
    }

    private static Optional<HeaderSpec> secretHeader(
            String name, Map<?, ?> spec, String path, List<ConfigProblem> problems) {
        for (Object key : spec.keySet()) {
            if (!key.equals("secret") && !key.equals("prefix")) {
                problems.add(new ConfigProblem(
                        path + "." + key, "unknown key '" + key + "'; a secret header takes secret and prefix"));
                return Optional.empty();
            }
        }
        Object secret = spec.get("secret");
        if (secret == null
                || secret instanceof Map
                || secret instanceof List
                || String.valueOf(secret).isBlank()) {
            problems.add(new ConfigProblem(path + ".secret", "secret must name a stored secret"));
            return Optional.empty();
        }
        String secretName = String.valueOf(secret);
        if (Template.isTemplated(secretName)) {
            problems.add(new ConfigProblem(
                    path + ".secret", "the secret name cannot be a template: alert data must not pick credentials"));
            return Optional.empty();
        }
        String prefix = spec.get("prefix") == null ? "" : String.valueOf(spec.get("prefix"));
        Optional<String> bad = checkHeaderValue(prefix);
        if (bad.isPresent() || Template.isTemplated(prefix)) {
            problems.add(new ConfigProblem(
                    path + ".prefix", "the prefix must be literal printable ASCII, such as \"Bearer \""));
            return Optional.empty();
        }
        return Optional.of(new HeaderSpec.FromSecret(name, secretName, prefix));
    }

    /** Empty when {@code value} is safe as a header value: printable ASCII or tab, no CR, LF or other control. */
    static Optional<String> checkHeaderValue(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n') {
                return Optional.of("contains a line break (CR or LF), which would split the request");
            }
            if (c != '\t' && (c < 0x20 || c > 0x7e)) {
                return Optional.of(
                        String.format(Locale.ROOT, "contains U+%04X; header values must be printable ASCII", (int) c));
            }
        }
        return Optional.empty();
    }

    private static ExpectedStatus expectStatus(StepConfig config, List<ConfigProblem> problems) {
        Optional<Object> raw = config.get("expect_status");
        if (raw.isEmpty()) {
            return ExpectedStatus.DEFAULT;
        }
        List<?> items = raw.get() instanceof List<?> list ? list : List.of(raw.get());
        List<String> accepted = new ArrayList<>();
        for (Object item : items) {
            String entry = String.valueOf(item).trim().toLowerCase(Locale.ROOT);
            if (!ExpectedStatus.isValid(entry)) {
                problems.add(new ConfigProblem(
                        config.pathOf("expect_status"),
                        "expect_status takes status codes (200) or classes (2xx), not '" + item + "'"));
                return ExpectedStatus.DEFAULT;
            }
            accepted.add(entry);
        }
        if (accepted.isEmpty()) {
            problems.add(new ConfigProblem(config.pathOf("expect_status"), "expect_status is empty"));
        }
        return new ExpectedStatus(accepted);
    }

    private static Optional<Duration> timeout(StepConfig config, List<ConfigProblem> problems) {
        Optional<String> text = config.string("timeout").map(String::trim);
        if (config.get("timeout").isEmpty()) {
            return Optional.empty();
        }
        Matcher m = text.map(DURATION::matcher).orElse(null);
        if (m == null || !m.matches() || Long.parseLong(m.group(1)) == 0) {
            problems.add(new ConfigProblem(
                    config.pathOf("timeout"), "timeout must be a positive duration such as 500ms, 10s or 2m"));
            return Optional.empty();
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return Optional.of(
                switch (unit) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    default -> Duration.ofSeconds(amount);
                });
    }

    /** The absolute URL for one run; alert data only ever lands percent-encoded in the path or query. */
    public HttpUrl renderUrl(TemplateContext context) throws ActionException {
        String text;
        try {
            text = url.render(context, TemplateSink.URL).text();
        } catch (TemplateException e) {
            throw new ActionException("url " + url.source() + ": " + e.getMessage());
        }
        Optional<String> problem = checkUrl(text);
        if (problem.isPresent()) {
            throw new ActionException("url " + url.source() + ": " + problem.get());
        }
        return HttpUrl.get(text);
    }

    /** A templated header's value for one run, refused when it could split or corrupt the request. */
    static String renderHeader(HeaderSpec.Templated header, TemplateContext context) throws ActionException {
        String value;
        try {
            value = header.value().render(context, TemplateSink.ARGV).text();
        } catch (TemplateException e) {
            throw new ActionException("header " + header.name() + ": " + e.getMessage());
        }
        Optional<String> bad = checkHeaderValue(value);
        if (bad.isPresent()) {
            throw new ActionException("header " + header.name() + " "
                    + header.value().source() + " rendered to a value" + " that " + bad.get() + "; refused");
        }
        return value;
    }

    /**
     * The value a JSON leaf renders to: a single placeholder of a number or boolean keeps its type, anything else is
     * text. Returns a {@link Number}, {@link Boolean} or {@link String}.
     */
    static Object renderLeaf(Template leaf, TemplateContext context) throws TemplateException {
        Matcher m = SINGLE_PLACEHOLDER.matcher(leaf.source());
        if (m.matches() && leaf.variables().size() == 1) {
            Optional<Object> value = context.lookup(leaf.variables().iterator().next());
            if (value.isPresent() && (value.get() instanceof Number || value.get() instanceof Boolean)) {
                return value.get();
            }
        }
        // ARGV inserts values verbatim; the JSON writer escapes the whole string.
        return leaf.render(context, TemplateSink.ARGV).text();
    }
}
