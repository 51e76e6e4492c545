package dev.runbookbot.diagnose.http;

import dev.runbookbot.diagnose.Outcome;
import dev.runbookbot.expr.ValueType;
import dev.runbookbot.text.DurationText;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The facts of an {@code http_check} step, declared and computed: the aggregates over every URL ({@code all_healthy},
 * {@code any_unreachable}, counts, the slowest, the nearest certificate expiry) and {@code results}, one map per URL;
 * with the evidence line (the unhealthy URLs first) and the details. Without any certificate read, {@code
 * min_cert_days_left} is {@link UrlResult#NO_CERTIFICATE}, so a condition on it does not fire for plain HTTP.
 */
final class HttpCheckFacts {
    static final Map<String, ValueType> DECLARED = facts(new LinkedHashMap<>());

    private HttpCheckFacts() {}

    private static Map<String, ValueType> facts(Map<String, ValueType> t) {
        t.put("all_healthy", ValueType.BOOL);
        t.put("any_unreachable", ValueType.BOOL);
        t.put("healthy_count", ValueType.INT);
        t.put("unhealthy_count", ValueType.INT);
        t.put("count", ValueType.INT);
        t.put("slowest_latency_ms", ValueType.INT);
        t.put("slowest_name", ValueType.STRING);
        t.put("min_cert_days_left", ValueType.INT);
        t.put("certs_checked", ValueType.INT);
        t.put("results", ValueType.MAP_LIST);
        return java.util.Collections.unmodifiableMap(t);
    }

    static Outcome observe(List<UrlResult> results) {
        long healthy = results.stream().filter(UrlResult::healthy).count();
        boolean anyUnreachable = results.stream().anyMatch(UrlResult::unreachable);
        UrlResult slowest =
                results.stream().max(Comparator.comparing(UrlResult::latency)).orElseThrow();
        Optional<UrlResult> nearestExpiry = results.stream()
                .filter(r -> r.certDaysLeft().isPresent())
                .min(Comparator.comparing(r -> r.certDaysLeft().get()));
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("all_healthy", healthy == results.size());
        facts.put("any_unreachable", anyUnreachable);
        facts.put("healthy_count", healthy);
        facts.put("unhealthy_count", results.size() - healthy);
        facts.put("count", (long) results.size());
        facts.put("slowest_latency_ms", slowest.latency().toMillis());
        facts.put("slowest_name", slowest.name());
        facts.put(
                "min_cert_days_left",
                nearestExpiry.flatMap(UrlResult::certDaysLeft).orElse(UrlResult.NO_CERTIFICATE));
        facts.put(
                "certs_checked",
                results.stream().filter(r -> r.certDaysLeft().isPresent()).count());
        facts.put("results", results.stream().map(UrlResult::fact).toList());

        StringBuilder evidence = new StringBuilder();
        if (healthy == results.size()) {
            evidence.append(results.size() == 1 ? "the URL is healthy" : "all " + results.size() + " URLs healthy");
        } else {
            List<String> bad = new ArrayList<>();
            for (UrlResult r : results) {
                if (!r.healthy()) {
                    bad.add(r.name() + " (" + (r.status() > 0 ? "HTTP " + r.status() + ", " + r.error() : r.error())
                            + ")");
                }
            }
            evidence.append(results.size() - healthy)
                    .append(" of ")
                    .append(results.size())
                    .append(" unhealthy: ");
            evidence.append(String.join(", ", bad));
        }
        evidence.append("; slowest ").append(slowest.name()).append(' ').append(DurationText.format(slowest.latency()));
        nearestExpiry.ifPresent(r -> evidence.append("; ")
                .append(UrlResult.certificateText(r.certDaysLeft().get()))
                .append(" (")
                .append(r.name())
                .append(')'));
        List<String> details = new ArrayList<>();
        results.stream().filter(r -> !r.healthy()).map(UrlResult::describe).forEach(details::add);
        results.stream().filter(UrlResult::healthy).map(UrlResult::describe).forEach(details::add);
        return Outcome.observed(facts, evidence.toString(), details);
    }
}
