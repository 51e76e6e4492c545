package dev.runbookbot.diagnose.prometheus;

import java.util.List;

/**
 * A successful instant query: {@code resultType} as Prometheus names it ({@code vector}, {@code scalar},
 * {@code matrix}, {@code string}), its samples, the text of a {@code string} result (empty otherwise) and any warnings
 * Prometheus attached.
 */
record QueryResult(String resultType, List<Sample> samples, String text, List<String> warnings) {
    QueryResult {
        samples = List.copyOf(samples);
        warnings = List.copyOf(warnings);
    }
}
