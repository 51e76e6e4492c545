package dev.runbookbot.diagnose.http;

import dev.runbookbot.diagnose.ParsedConfig;
import dev.runbookbot.diagnose.StepConfigReader;
import dev.runbookbot.diagnose.fetch.UrlShape;
import dev.runbookbot.expr.Template;
import dev.runbookbot.expr.TemplateException;
import dev.runbookbot.expr.TemplateSink;
import dev.runbookbot.runbook.StepConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An {@code http_check} step's config:
 *
 * <pre>
 * config:
 *   urls:
 *     - name: payments-api                       # optional; urls[i] otherwise; unique
 *       url: https://payments.internal/health?region={{ labels.region }}
 *       method: GET                              # GET (default) or HEAD: diagnostics are read-only
 *       headers:
 *         X-Request-Source: runbook-bot
 *         Authorization: {secret: payments-token, prefix: "Bearer "}
 *       expect_status: 2xx                       # default 2xx; 200, "200-399", or a list of those
 *       body_pattern: '"status":\s*"ok"'         # optional regex, searched in the first 64 KiB
 *       timeout: 5s                              # optional; never longer than the step's timeout
 * </pre>
 *
 * A URL is a template for the {@link TemplateSink#URL} sink: placeholders may stand only in the path or the query,
 * where they are percent-encoded, so alert data never chooses the scheme, host or port (no SSRF through labels). The
 * scheme and host are always written by the runbook's author. Credentials in the URL are refused; use a header that
 * names a secret.
 */
record HttpCheckConfig(List<UrlCheck> urls) {
    static final int MAX_URLS = 20;
    static final Set<String> KEYS = Set.of("urls");
    private static final Set<String> URL_KEYS =
            Set.of("name", "url", "method", "headers", "expect_status", "body_pattern", "timeout");
    private static final Set<String> METHODS = Set.of("GET", "HEAD");
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);

    HttpCheckConfig {
        urls = List.copyOf(urls);
    }

    static ParsedConfig<HttpCheckConfig> parse(StepConfig config) {
        StepConfigReader r = new StepConfigReader(config);
        r.rejectUnknownKeys(KEYS);
        if (!r.has("urls")) {
            r.problem("urls", "is required: list the URLs to check");
            return ParsedConfig.invalid(r.problems());
        }
        List<StepConfigReader> entries = r.objects("urls");
        if (entries.isEmpty() && r.problems().isEmpty()) {
            r.problem("urls", "must list at least one URL");
        }
        if (entries.size() > MAX_URLS) {
            r.problem("urls", "lists " + entries.size() + " URLs; at most " + MAX_URLS + " per step");
        }
        List<UrlCheck> checks = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            StepConfigReader u = entries.get(i);
            u.rejectUnknownKeys(URL_KEYS);
            String name = u.string("name").map(String::strip).orElse("urls[" + i + "]");
            if (!names.add(name)) {
                u.problem("name", "'" + name + "' is used by another URL of this step; names must be unique");
            }
            Optional<Template> url = u.requiredString("url").isPresent() ? url(u) : Optional.empty();
            String method = u.string("method").orElse("GET").strip().toUpperCase(Locale.ROOT);
            if (!METHODS.contains(method)) {
                u.problem("method", "must be GET or HEAD: diagnostics only read, got '" + method + "'");
            }
            Map<String, HeaderValue> headers = headers(u);
            StatusExpectation expect = expectStatus(u);
            Optional<Pattern> body = u.regex("body_pattern");
            if (body.isPresent() && method.equals("HEAD")) {
                u.problem("body_pattern", "cannot be checked with method HEAD, which has no body");
            }
            Optional<Duration> timeout = u.duration("timeout", MAX_TIMEOUT);
            url.ifPresent(t -> checks.add(new UrlCheck(name, t, method, headers, expect, body, timeout)));
        }
        return r.problems().isEmpty()
                ? ParsedConfig.valid(new HttpCheckConfig(checks))
                : ParsedConfig.invalid(r.problems());
    }

    private static Optional<Template> url(StepConfigReader u) {
        Optional<Template> template = u.template("url", TemplateSink.URL);
        if (template.isEmpty()) {
            return Optional.empty();
        }
        // Render with a stand-in for every placeholder to check the shape the author wrote.
        String sample;
        try {
            sample = template.get().renderSample("x", TemplateSink.URL).text();
        } catch (TemplateException e) {
            u.problem("url", e.getMessage());
            return Optional.empty();
        }
        Optional<UrlShape> parsed = UrlShape.of(sample);
        if (parsed.isEmpty()) {
            u.problem(
                    "url",
                    "is not an http:// or https:// URL with a host: '"
                            + template.get().source() + "'");
            return Optional.empty();
        }
        if (parsed.get().hasUsername() || parsed.get().hasPassword()) {
            u.problem(
                    "url",
                    "must not carry credentials",
                    "send them in a header that names a secret: {secret: NAME, prefix: \"Bearer \"}");
            return Optional.empty();
        }
        return template;
    }

    private static Map<String, HeaderValue> headers(StepConfigReader u) {
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : u.entries("headers").entrySet()) {
            String name = e.getKey();
            String key = "headers." + name;
            if (!HEADER_NAME.matcher(name).matches()) {
                u.problem(key, "is not a valid HTTP header name");
                continue;
            }
            Object value = e.getValue();
            if (value instanceof Map<?, ?> map) {
                Object secret = map.get("secret");
                Object prefix = map.get("prefix");
                Set<String> extra = new HashSet<>();
                map.keySet().forEach(k -> extra.add(String.valueOf(k)));
                extra.removeAll(Set.of("secret", "prefix"));
                if (!extra.isEmpty()) {
                    u.problem(
                            key, "unknown keys " + extra + "; a header from a secret is {secret: NAME, prefix: TEXT}");
                } else if (secret == null || String.valueOf(secret).isBlank()) {
                    u.problem(key, "names no secret; write {secret: NAME, prefix: \"Bearer \"}");
                } else if (prefix != null && hasLineBreak(String.valueOf(prefix))) {
                    u.problem(key + ".prefix", "must not contain a line break");
                } else {
                    headers.put(
                            name,
                            new HeaderValue.FromSecret(
                                    String.valueOf(secret), prefix == null ? "" : String.valueOf(prefix)));
                }
            } else if (value == null || value instanceof List) {
                u.problem(key, "must be text or {secret: NAME, prefix: TEXT}");
            } else if (hasLineBreak(String.valueOf(value))) {
                u.problem(key, "must not contain a line break");
            } else {
                try {
                    headers.put(name, new HeaderValue.Text(Template.parse(String.valueOf(value))));
                } catch (TemplateException ex) {
                    u.problem(key, ex.getMessage());
                }
            }
        }
        return headers;
    }

    private static StatusExpectation expectStatus(StepConfigReader u) {
        Optional<Object> raw = u.raw("expect_status");
        if (raw.isEmpty()) {
            return StatusExpectation.DEFAULT;
        }
        List<Object> items = raw.get() instanceof List<?> list ? new ArrayList<>(list) : List.of(raw.get());
        List<StatusExpectation.Range> ranges = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (Object item : items) {
            Optional<StatusExpectation.Range> range =
                    item instanceof Map ? Optional.empty() : StatusExpectation.parseRange(item);
            if (range.isEmpty()) {
                u.problem(
                        "expect_status", "'" + item + "' is not a status: write 200, 2xx, 200-399 or a list of those");
                return StatusExpectation.DEFAULT;
            }
            ranges.add(range.get());
            texts.add(String.valueOf(item).strip());
        }
        if (ranges.isEmpty()) {
            u.problem("expect_status", "must name at least one status");
            return StatusExpectation.DEFAULT;
        }
        return new StatusExpectation(ranges, String.join(", ", texts));
    }

    private static boolean hasLineBreak(String text) {
        return text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0;
    }
}
