package dev.runbookbot.expr.cel;

import dev.runbookbot.text.EditDistance;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Orders known names by how close they are to a misspelled one, for "did you mean ...?" messages. */
final class ClosestNames {
    private ClosestNames() {}

    /**
     * All {@code known} names, closest to {@code wanted} first: names that share more words with it (a word of
     * {@code any_slow} starting a word of {@code slowest_latency_ms} counts), then by edit distance, then by name.
     */
    static List<String> byCloseness(String wanted, Collection<String> known) {
        return known.stream()
                .sorted(Comparator.comparingInt((String k) -> -sharedWords(wanted, k))
                        .thenComparingInt(k -> distance(wanted, k))
                        .thenComparing(Comparator.naturalOrder()))
                .toList();
    }

    private static int sharedWords(String wanted, String candidate) {
        List<String> candidateWords = words(candidate);
        int shared = 0;
        for (String word : words(wanted)) {
            if (candidateWords.stream().anyMatch(w -> w.startsWith(word))) {
                shared++;
            }
        }
        return shared;
    }

    private static List<String> words(String name) {
        return Arrays.stream(name.split("_|(?<=[a-z0-9])(?=[A-Z])"))
                .filter(w -> !w.isEmpty())
                .map(w -> w.toLowerCase(Locale.ROOT))
                .toList();
    }

    /** The closest known name, if it is close enough to be a likely typo. */
    static Optional<String> suggestion(String wanted, Collection<String> known) {
        return byCloseness(wanted, known).stream()
                .findFirst()
                .filter(k -> distance(wanted, k) <= allowedDistance(Math.min(wanted.length(), k.length())));
    }

    private static int allowedDistance(int length) {
        return length <= 4 ? 1 : Math.max(2, length / 3);
    }

    /** Edit distance, where case and underscores do not count ({@code allReady} is {@code all_ready}). */
    static int distance(String a, String b) {
        return Math.min(EditDistance.between(a, b), EditDistance.between(normalize(a), normalize(b)));
    }

    private static String normalize(String s) {
        return s.replace("_", "").toLowerCase(Locale.ROOT);
    }
}
