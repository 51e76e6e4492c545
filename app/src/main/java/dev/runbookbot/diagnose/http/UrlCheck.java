package dev.runbookbot.diagnose.http;

import dev.runbookbot.expr.Template;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** One URL of an {@code http_check}: what to request and what counts as healthy. */
record UrlCheck(
        String name,
        Template url,
        String method,
        Map<String, HeaderValue> headers,
        StatusExpectation expectStatus,
        Optional<Pattern> bodyPattern,
        Optional<Duration> timeout) {
    UrlCheck {
        headers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(headers));
    }
}
