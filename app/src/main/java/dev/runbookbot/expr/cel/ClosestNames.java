package dev.runbookbot.expr.cel;

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
        return Math.min(editDistance(a, b), editDistance(normalize(a), normalize(b)));
    }

    private static String normalize(String s) {
        return s.replace("_", "").toLowerCase(Locale.ROOT);
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours cost 1. */
    private static int editDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1));
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
