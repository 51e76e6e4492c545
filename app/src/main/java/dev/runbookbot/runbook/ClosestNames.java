package dev.runbookbot.runbook;

import dev.runbookbot.text.EditDistance;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * "Did you mean ...?" for names: ranks candidates by Damerau-Levenshtein distance (optimal string alignment: insert,
 * delete, substitute, swap two neighbours), ignoring case, {@code _} and {@code -}, so {@code requireApproval},
 * {@code requires_approval} and {@code RequiresApproval} all find {@code requiresApproval}.
 */
public final class ClosestNames {
    private ClosestNames() {}

    /**
     * Up to {@code limit} candidates close enough to {@code input} to be a plausible typo, closest first (ties keep the
     * candidates' order). A candidate is close enough when, ignoring case, {@code _} and {@code -}, its
     * distance is 0 for names of up to 2 characters, 1 up to 4, 2 up to 10 and 3 beyond, or when one name (of at least 3 characters) contains the other.
     */
    public static List<String> closest(String input, Collection<String> candidates, int limit) {
        String wanted = normalize(input);
        record Scored(String name, int distance, int order) {}
        List<Scored> scored = new ArrayList<>();
        int order = 0;
        for (String candidate : candidates) {
            String normalized = normalize(candidate);
            int distance = distance(wanted, normalized);
            int allowed = allowedDistance(Math.max(wanted.length(), normalized.length()));
            boolean contains = wanted.length() >= 3
                    && normalized.length() >= 3
                    && (normalized.contains(wanted) || wanted.contains(normalized));
            if (distance <= allowed || contains) {
                scored.add(new Scored(candidate, contains && distance > allowed ? allowed + 1 : distance, order));
            }
            order++;
        }
        scored.sort(Comparator.comparingInt(Scored::distance).thenComparingInt(Scored::order));
        return scored.stream().limit(limit).map(Scored::name).toList();
    }

    /** The single closest candidate, if any is close enough (see {@link #closest}). */
    public static java.util.Optional<String> best(String input, Collection<String> candidates) {
        return closest(input, candidates, 1).stream().findFirst();
    }

    private static int allowedDistance(int length) {
        return length <= 2 ? 0 : length <= 4 ? 1 : length <= 10 ? 2 : 3;
    }

    /** Optimal string alignment distance between {@code a} and {@code b}, case-sensitive; see {@link EditDistance}. */
    public static int distance(String a, String b) {
        return EditDistance.between(a, b);
    }

    static String normalize(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c != '_' && c != '-') {
                sb.append(c);
            }
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }
}
