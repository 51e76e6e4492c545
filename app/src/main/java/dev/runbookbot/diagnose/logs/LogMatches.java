package dev.runbookbot.diagnose.logs;

import java.util.List;

/**
 * What a log search found, whatever the source. {@code lines} are the newest matching lines, newest first, at most
 * the step's limit, already cleaned for display. {@code details} are the lines worth showing a person (with time and
 * stream where known). See {@link LogFacts} for what each field means to conditions.
 */
record LogMatches(
        String source,
        String resultType,
        long matchCount,
        double value,
        List<String> lines,
        long streams,
        boolean limitReached,
        boolean partial,
        List<String> details) {
    LogMatches {
        lines = List.copyOf(lines);
        details = List.copyOf(details);
    }
}
