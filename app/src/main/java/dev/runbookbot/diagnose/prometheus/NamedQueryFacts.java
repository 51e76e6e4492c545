package dev.runbookbot.diagnose.prometheus;

import dev.runbookbot.diagnose.Outcome;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The facts of a step with named {@code queries}: the main {@code query}'s facts (when it has one) at the top, and
 * {@code queries}, a map from each name to that query's own facts ({@code queries.ratio.value},
 * {@code queries.trend.samples}, ...). Evidence and details show every query by name, so a report shows each.
 */
final class NamedQueryFacts {
    /** The fact that holds the named queries. */
    static final String QUERIES = "queries";

    private NamedQueryFacts() {}

    static Outcome.Observed combine(Optional<Outcome.Observed> main, Map<String, Outcome.Observed> named) {
        Map<String, Object> facts = new LinkedHashMap<>();
        List<String> evidence = new ArrayList<>();
        List<String> details = new ArrayList<>();
        main.ifPresent(observed -> {
            facts.putAll(observed.facts());
            evidence.add(observed.evidence());
            details.addAll(observed.details());
        });
        Map<String, Object> byName = new LinkedHashMap<>();
        named.forEach((name, observed) -> {
            Map<String, Object> own = new LinkedHashMap<>(observed.facts());
            own.remove(QUERIES);
            byName.put(name, Collections.unmodifiableMap(own));
            evidence.add(name + ": " + observed.evidence());
            observed.details().forEach(line -> details.add(name + ": " + line));
        });
        facts.put(QUERIES, Collections.unmodifiableMap(byName));
        return Outcome.observed(facts, String.join("; ", evidence), details);
    }
}
