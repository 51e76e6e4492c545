package dev.runbookbot.runbook;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One fixed set of runbooks, indexed for the ways an incident finds its runbook (see {@link Catalog}). Built from
 * runbooks that passed lint, which also guarantees that no two of them claim the same alert ambiguously. Immutable and
 * thread-safe.
 */
public final class CatalogSnapshot implements Catalog {
    private static final Set<String> GENERIC_SERVICE_WORDS = Set.of("service", "svc", "api", "app");
    private static final Set<String> STOP_WORDS =
            Set.of("a", "an", "the", "is", "are", "of", "in", "on", "and", "or", "to", "for", "with", "very");

    private final List<RunbookSpec> runbooks;
    private final Map<String, RunbookSpec> byName;
    private final Map<TriggerSpec, List<LabelMatcher>> labelMatchers;

    private CatalogSnapshot(List<RunbookSpec> runbooks) {
        this.runbooks = List.copyOf(runbooks);
        Map<String, RunbookSpec> names = new LinkedHashMap<>();
        for (RunbookSpec runbook : this.runbooks) {
            names.putIfAbsent(runbook.id(), runbook);
        }
        for (RunbookSpec runbook : this.runbooks) {
            for (String alias : runbook.aliases()) {
                names.putIfAbsent(alias, runbook);
            }
        }
        this.byName = Map.copyOf(names);
        Map<TriggerSpec, List<LabelMatcher>> matchers = new java.util.HashMap<>();
        for (RunbookSpec runbook : this.runbooks) {
            for (TriggerSpec trigger : runbook.triggers()) {
                matchers.computeIfAbsent(trigger, TriggerSpec::labelMatchers);
            }
        }
        this.labelMatchers = Map.copyOf(matchers);
    }

    /** A catalog of {@code runbooks}, ordered by id; for a duplicate id the first one wins (lint reports it). */
    public static CatalogSnapshot of(Collection<RunbookSpec> runbooks) {
        List<RunbookSpec> sorted = new ArrayList<>(runbooks);
        sorted.sort(Comparator.comparing(RunbookSpec::id));
        return new CatalogSnapshot(sorted);
    }

    @Override
    public List<RunbookSpec> all() {
        return runbooks;
    }

    /** The runbook with this id, or with this alias. */
    @Override
    public Optional<RunbookSpec> byId(String idOrAlias) {
        return Optional.ofNullable(byName.get(idOrAlias));
    }

    /** Up to three ids close to {@code unknown}, for "did you mean ...?". */
    @Override
    public List<String> suggestIds(String unknown) {
        List<String> names = new ArrayList<>(byName.keySet());
        Set<String> ids = new LinkedHashSet<>();
        for (String name : ClosestNames.closest(unknown, names, 6)) {
            ids.add(byName.get(name).id());
        }
        return ids.stream().limit(3).toList();
    }

    /**
     * The runbook for a firing alert: among the alert triggers with this alert name whose matchers all hold for
     * {@code labels} (exact values, or {@code =~}/{@code !~} regular expressions, see {@link LabelMatcher}), the most
     * specific (its matchers include every other match's matchers; failing that, the most matchers; then the smallest
     * runbook id).
     */
    @Override
    public Optional<RunbookSpec> forAlert(String alertName, Map<String, String> labels) {
        record Match(RunbookSpec runbook, Map<String, String> matchers) {}
        List<Match> matches = new ArrayList<>();
        for (RunbookSpec runbook : runbooks) {
            for (TriggerSpec trigger : runbook.triggers()) {
                if (trigger.type() == TriggerType.ALERT
                        && trigger.alertName().filter(alertName::equals).isPresent()
                        && holds(labelMatchers.get(trigger), labels)) {
                    matches.add(new Match(runbook, trigger.matchers()));
                }
            }
        }
        for (Match candidate : matches) {
            boolean includesAll = matches.stream().allMatch(other -> candidate
                    .matchers()
                    .entrySet()
                    .containsAll(other.matchers().entrySet()));
            if (includesAll) {
                return Optional.of(candidate.runbook());
            }
        }
        return matches.stream()
                .min(Comparator.comparingInt((Match m) -> -m.matchers().size())
                        .thenComparing(m -> m.runbook().id()))
                .map(Match::runbook);
    }

    private static boolean holds(List<LabelMatcher> matchers, Map<String, String> labels) {
        return matchers.stream().allMatch(m -> m.holds(labels));
    }

    /**
     * The runbook mapped to a PagerDuty service, by service id first, then by service name (ignoring case), among the
     * triggers whose matchers hold for the incident's labels.
     */
    @Override
    public Optional<RunbookSpec> forPagerDuty(String serviceId, String serviceName, Map<String, String> labels) {
        Optional<RunbookSpec> byServiceId = pagerDuty(value -> value.equals(serviceId), labels);
        return byServiceId.isPresent() ? byServiceId : pagerDuty(value -> value.equalsIgnoreCase(serviceName), labels);
    }

    private Optional<RunbookSpec> pagerDuty(java.util.function.Predicate<String> matches, Map<String, String> labels) {
        return runbooks.stream()
                .filter(r -> r.triggers().stream()
                        .anyMatch(t -> t.pagerdutyService().filter(matches).isPresent()
                                && holds(labelMatchers.get(t), labels)))
                .findFirst();
    }

    /**
     * Runbooks for a service and a symptom described in words ({@code "payments"}, {@code "elevated 5xx"}), best
     * first. The service must match the runbook's service (words compared loosely: {@code payments} finds
     * {@code payment-service}); a blank service matches all. The symptom's words are scored against the runbook's
     * tags and aliases (3 points), name (2) and description (1), tolerating plurals, one-letter typos and other
     * endings of the same stem. Runbooks
     * that score nothing are left out.
     */
    @Override
    public List<RunbookSpec> forSymptom(String service, String symptom) {
        List<String> serviceWords = words(service == null ? "" : service).stream()
                .filter(w -> !GENERIC_SERVICE_WORDS.contains(w))
                .toList();
        List<String> symptomWords = words(symptom == null ? "" : symptom);
        record Scored(RunbookSpec runbook, int score) {}
        List<Scored> scored = new ArrayList<>();
        for (RunbookSpec runbook : runbooks) {
            if (!serviceWords.isEmpty() && !serviceMatches(serviceWords, runbook)) {
                continue;
            }
            int score = symptomWords.isEmpty() ? 1 : symptomScore(symptomWords, runbook);
            if (score > 0) {
                scored.add(new Scored(runbook, score));
            }
        }
        scored.sort(Comparator.comparingInt((Scored s) -> -s.score())
                .thenComparing(s -> s.runbook().id()));
        return scored.stream().map(Scored::runbook).toList();
    }

    private static boolean serviceMatches(List<String> serviceWords, RunbookSpec runbook) {
        List<String> runbookWords = words(runbook.service());
        return serviceWords.stream().allMatch(w -> runbookWords.stream().anyMatch(r -> similar(w, r)));
    }

    private static int symptomScore(List<String> symptomWords, RunbookSpec runbook) {
        List<String> tagWords = new ArrayList<>();
        runbook.tags().forEach(t -> tagWords.addAll(words(t)));
        runbook.aliases().forEach(a -> tagWords.addAll(words(a)));
        List<String> nameWords = words(runbook.name());
        List<String> descriptionWords = words(runbook.description());
        int score = 0;
        for (String word : symptomWords) {
            if (tagWords.stream().anyMatch(t -> similar(word, t))) {
                score += 3;
            } else if (nameWords.stream().anyMatch(n -> similar(word, n))) {
                score += 2;
            } else if (descriptionWords.stream().anyMatch(d -> similar(word, d))) {
                score += 1;
            }
        }
        return score;
    }

    /** Lower-case words without stop words, with a plural 's' removed from longer words. */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        for (String raw : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (raw.isEmpty() || STOP_WORDS.contains(raw)) {
                continue;
            }
            words.add(
                    raw.length() > 3 && raw.endsWith("s") && !raw.endsWith("ss")
                            ? raw.substring(0, raw.length() - 1)
                            : raw);
        }
        return words;
    }

    /**
     * The same word, one typo apart (words of 5+ letters), or the same stem: a common prefix of at least 5 letters
     * that leaves at most 3 letters of the shorter word ({@code expiring} / {@code expiry}, {@code deploy} /
     * {@code deployment}, {@code crashloop} / {@code crashlooping}).
     */
    private static boolean similar(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        if (a.length() < 5 || b.length() < 5) {
            return false;
        }
        if (ClosestNames.distance(a, b) <= 1) {
            return true;
        }
        int common = 0;
        while (common < Math.min(a.length(), b.length()) && a.charAt(common) == b.charAt(common)) {
            common++;
        }
        return common >= 5 && common >= Math.min(a.length(), b.length()) - 3;
    }
}
