package dev.runbookbot.diagnose.http;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What one URL of an {@code http_check} showed. {@code status} is 0 when no HTTP answer came; {@code unreachable} then
 * says so (connection refused, DNS, TLS handshake, timeout). {@code error} is empty for a healthy URL and otherwise says
 * what was wrong. {@code certDaysLeft} is the number of whole days until the earliest expiry among the certificates
 * the server presented (negative once expired), when it could be read.
 */
record UrlResult(
        String name,
        String url,
        String method,
        int status,
        Duration latency,
        boolean healthy,
        boolean unreachable,
        String error,
        Optional<Long> certDaysLeft) {
    /** {@code cert_days_left} when there is no certificate (plain HTTP, or none could be read): "never expires". */
    static final long NO_CERTIFICATE = Long.MAX_VALUE;

    Map<String, Object> fact() {
        Map<String, Object> fact = new LinkedHashMap<>();
        fact.put("name", name);
        fact.put("url", url);
        fact.put("method", method);
        fact.put("status", (long) status);
        fact.put("latency_ms", latency.toMillis());
        fact.put("healthy", healthy);
        fact.put("unreachable", unreachable);
        fact.put("error", error);
        fact.put("has_cert", certDaysLeft.isPresent());
        fact.put("cert_days_left", certDaysLeft.orElse(NO_CERTIFICATE));
        return java.util.Collections.unmodifiableMap(fact);
    }

    /** One line for the details: {@code name: GET url -> HTTP 200 in 35ms; certificate expires in 89 days}. */
    String describe() {
        StringBuilder sb = new StringBuilder(name)
                .append(": ")
                .append(method)
                .append(' ')
                .append(url)
                .append(" -> ");
        if (status > 0) {
            sb.append("HTTP ")
                    .append(status)
                    .append(" in ")
                    .append(latency.toMillis())
                    .append("ms");
            if (!error.isEmpty()) {
                sb.append(" (").append(error).append(')');
            }
        } else {
            sb.append("no answer: ").append(error);
        }
        certDaysLeft.ifPresent(days -> sb.append("; ").append(certificateText(days)));
        return sb.toString();
    }

    static String certificateText(long days) {
        if (days < 0) {
            return "certificate expired " + (-days) + (days == -1 ? " day ago" : " days ago");
        }
        return "certificate expires in " + days + (days == 1 ? " day" : " days");
    }
}
