package dev.runbookbot.diagnose.http;

import dev.runbookbot.diagnose.DiagnosticExecutor;
import dev.runbookbot.diagnose.DiagnosticRequest;
import dev.runbookbot.diagnose.FailureKind;
import dev.runbookbot.diagnose.Outcome;
import dev.runbookbot.diagnose.ParsedConfig;
import dev.runbookbot.diagnose.fetch.DerivedClient;
import dev.runbookbot.diagnose.fetch.FetchFailure;
import dev.runbookbot.diagnose.fetch.FetchedResponse;
import dev.runbookbot.diagnose.fetch.HttpFetcher;
import dev.runbookbot.diagnose.fetch.PendingFetch;
import dev.runbookbot.expr.TemplateException;
import dev.runbookbot.expr.TemplateSink;
import dev.runbookbot.expr.ValueType;
import dev.runbookbot.runbook.ConfigProblem;
import dev.runbookbot.runbook.DiagnosticType;
import dev.runbookbot.runbook.StepConfig;
import dev.runbookbot.secrets.Secret;
import dev.runbookbot.secrets.SecretResolver;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * {@code http_check}: requests one or more URLs in parallel within the step's timeout and reports, per URL, the status,
 * latency, error and, for HTTPS, the days until the certificate expires; then aggregate facts. Redirects are not
 * followed (a 3xx is the status), at most {@value #MAX_BODY_BYTES} bytes of a body are read for {@code body_pattern},
 * and only GET and HEAD are sent.
 *
 * <p>Facts: {@code all_healthy}, {@code any_unreachable} (some URL gave no HTTP answer at all), {@code healthy_count},
 * {@code unhealthy_count}, {@code count}, {@code slowest_latency_ms} and {@code slowest_name},
 * {@code min_cert_days_left} and {@code certs_checked}, and {@code results}: one map per URL with {@code name, url,
 * method, status, latency_ms, healthy, unreachable, error, has_cert, cert_days_left}. Without any certificate read,
 * {@code min_cert_days_left} and {@code cert_days_left} are {@link Long#MAX_VALUE} ("never expires"), so a condition
 * like {@code min_cert_days_left < 14} does not fire for plain HTTP.
 *
 * <p>When no URL gets any answer from the network (the names do not resolve, there is no route, every connection
 * attempt times out), the step fails as {@link FailureKind#UNREACHABLE} ("the bot could not reach ...") instead of
 * observing: the bot may be the one without network, so {@code any_unreachable} is set only while the bot demonstrably
 * has network, that is when at least one URL of the step got an answer (an HTTP response, a TLS handshake, or a refused
 * connection, which the target host's kernel sends). A runbook that reads {@code any_unreachable} as critical lists a
 * reference URL beside the service's for that reason.
 *
 * <p>Certificate expiry comes from the TLS handshake of the request itself. When that handshake fails (an expired
 * certificate fails normal validation), a {@link CertificateDatesProbe} reads the dates over a second, aborted
 * handshake that never carries a request. Header values that come from secrets never appear in any output.
 * Thread-safe.
 */
public final class HttpCheckExecutor implements DiagnosticExecutor {
    static final long MAX_BODY_BYTES = 64 * 1024;
    private static final long DAY_MILLIS = Duration.ofDays(1).toMillis();

    private final HttpFetcher fetcher;
    private final CertificateDatesProbe probe;
    private final SecretResolver secrets;
    private final Clock clock;

    /**
     * @param client the bot's shared client, asked for on the first check; per-URL timeouts are derived from it
     * @param settings extra trusted CAs, if any
     * @param secrets resolves the secrets header values name
     * @param clock for the days until a certificate expires
     */
    public HttpCheckExecutor(
            Supplier<OkHttpClient> client, HttpCheckSettings settings, SecretResolver secrets, Clock clock) {
        Optional<ExtraTrust> extraTrust = settings.extraTrustedCertificates().map(ExtraTrust::read);
        Supplier<OkHttpClient> trusting = new DerivedClient(
                client,
                shared -> extraTrust.map(trust -> trust.appliedTo(shared)).orElse(shared));
        this.fetcher = new HttpFetcher(trusting);
        this.probe = new CertificateDatesProbe(() -> trusting.get().dns());
        this.secrets = secrets;
        this.clock = clock;
    }

    @Override
    public DiagnosticType type() {
        return DiagnosticType.HTTP_CHECK;
    }

    @Override
    public Map<String, ValueType> facts() {
        return HttpCheckFacts.DECLARED;
    }

    @Override
    public Set<String> configKeys() {
        return HttpCheckConfig.KEYS;
    }

    @Override
    public List<ConfigProblem> validate(StepConfig config) {
        return HttpCheckConfig.parse(config).problems();
    }

    @Override
    public Outcome execute(DiagnosticRequest request) {
        long deadline = System.nanoTime() + request.timeout().toNanos();
        StepConfig stepConfig = request.spec().config();
        ParsedConfig<HttpCheckConfig> parsed = HttpCheckConfig.parse(stepConfig);
        if (!parsed.isValid()) {
            return parsed.asFailure();
        }
        List<UrlCheck> checks = parsed.config().orElseThrow().urls();
        List<Request> requests = new ArrayList<>();
        for (int i = 0; i < checks.size(); i++) {
            String path = stepConfig.pathOf("urls") + "[" + i + "]";
            try {
                requests.add(build(checks.get(i), request, path));
            } catch (Unusable e) {
                return Outcome.failed(FailureKind.CONFIGURATION, e.getMessage());
            }
        }
        List<PendingFetch> pending = new ArrayList<>();
        for (int i = 0; i < checks.size(); i++) {
            Duration timeout = checks.get(i)
                    .timeout()
                    .filter(t -> t.compareTo(request.timeout()) < 0)
                    .orElse(request.timeout());
            pending.add(fetcher.start(requests.get(i), timeout, MAX_BODY_BYTES));
        }
        List<UrlResult> results = new ArrayList<>();
        List<String> silent = new ArrayList<>();
        for (int i = 0; i < checks.size(); i++) {
            UrlCheck check = checks.get(i);
            HttpUrl url = requests.get(i).url();
            try {
                FetchedResponse response = pending.get(i).await();
                results.add(answered(check, url, response, pending.get(i).elapsed()));
            } catch (FetchFailure f) {
                if (f.kind() == FailureKind.CANCELLED) {
                    pending.forEach(PendingFetch::cancel);
                    return Outcome.failed(FailureKind.CANCELLED, "http_check was cancelled before every URL answered");
                }
                if (f.isNetworkSilence()) {
                    silent.add(check.name() + " (" + display(url) + ": " + f.reason() + ")");
                }
                Optional<Long> days = Optional.empty();
                if (f.isTlsFailure()) {
                    Duration left = Duration.ofNanos(deadline - System.nanoTime());
                    days = probe.presentedChain(url.host(), url.port(), left).flatMap(this::daysLeft);
                }
                results.add(new UrlResult(
                        check.name(),
                        display(url),
                        check.method(),
                        0,
                        pending.get(i).elapsed(),
                        false,
                        true,
                        f.reason(),
                        days));
            }
        }
        if (silent.size() == checks.size()) {
            return Outcome.failed(FailureKind.UNREACHABLE, botCouldNotReach(silent));
        }
        return HttpCheckFacts.observe(results);
    }

    /**
     * Every URL met network silence (no DNS answer, no route, no answer to the connection attempt): the bot cannot
     * tell a dead service from its own missing network, so the step is an error, never a verdict about the service.
     */
    private static String botCouldNotReach(List<String> silent) {
        String what = silent.size() == 1
                ? silent.get(0)
                : "any of its " + silent.size() + " URLs: " + String.join(", ", silent);
        return "the bot could not reach " + what + "; with no answer from any host this says nothing about the service"
                + " (check the bot's network and DNS)";
    }

    private Request build(UrlCheck check, DiagnosticRequest request, String path) throws Unusable {
        HttpUrl url;
        try {
            String text =
                    check.url().render(request.context(), TemplateSink.URL).text();
            url = HttpUrl.parse(text);
            if (url == null) {
                throw new Unusable(path + ".url: '" + text + "' is not an http:// or https:// URL");
            }
        } catch (TemplateException e) {
            throw new Unusable(path + ".url: " + e.getMessage());
        }
        Request.Builder builder = new Request.Builder().url(url).method(check.method(), null);
        for (Map.Entry<String, HeaderValue> header : check.headers().entrySet()) {
            String where = path + ".headers." + header.getKey();
            String value;
            if (header.getValue() instanceof HeaderValue.FromSecret s) {
                Secret secret = secrets.resolve(s.secretName())
                        .orElseThrow(() ->
                                new Unusable(where + ": secret '" + s.secretName() + "' is not in the secret store"));
                value = s.prefix() + secret.reveal();
                if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                    throw new Unusable(where + ": secret '" + s.secretName() + "' contains a line break");
                }
            } else {
                try {
                    value = ((HeaderValue.Text) header.getValue())
                            .template()
                            .render(request.context(), TemplateSink.TEXT)
                            .text();
                } catch (TemplateException e) {
                    throw new Unusable(where + ": " + e.getMessage());
                }
                if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                    throw new Unusable(where + ": the rendered value contains a line break, which would split the"
                            + " header; refusing to send it");
                }
            }
            try {
                builder.header(header.getKey(), value);
            } catch (IllegalArgumentException e) {
                // okhttp's message would quote the value of a header it does not know to be sensitive: not used.
                throw new Unusable(where + ": the value contains a character an HTTP header cannot carry (only"
                        + " printable ASCII and tab)");
            }
        }
        return builder.build();
    }

    private UrlResult answered(UrlCheck check, HttpUrl url, FetchedResponse response, Duration latency) {
        List<String> problems = new ArrayList<>();
        if (!check.expectStatus().matches(response.code())) {
            problems.add("expected " + check.expectStatus().text());
        }
        check.bodyPattern().ifPresent(pattern -> {
            if (!pattern.matcher(response.body()).find()) {
                problems.add("body does not match /" + pattern.pattern() + "/"
                        + (response.truncated() ? " in its first " + MAX_BODY_BYTES / 1024 + " KiB" : ""));
            }
        });
        return new UrlResult(
                check.name(),
                display(url),
                check.method(),
                response.code(),
                latency,
                problems.isEmpty(),
                false,
                String.join("; ", problems),
                daysLeft(response.peerCertificates()));
    }

    /** Whole days from now until the earliest expiry in {@code chain}, rounded down (negative once expired). */
    private Optional<Long> daysLeft(List<X509Certificate> chain) {
        return chain.stream()
                .map(c -> c.getNotAfter().getTime())
                .min(Comparator.naturalOrder())
                .map(notAfter -> Math.floorDiv(notAfter - clock.millis(), DAY_MILLIS));
    }

    /** The URL for people: no query string (it may carry tokens), no user info. */
    static String display(HttpUrl url) {
        return url.newBuilder()
                .query(null)
                .fragment(null)
                .username("")
                .password("")
                .build()
                .toString();
    }

    /** A URL that cannot be requested as configured (missing template value, missing secret). */
    private static final class Unusable extends Exception {
        private static final long serialVersionUID = 1L;

        Unusable(String message) {
            super(message);
        }
    }
}
