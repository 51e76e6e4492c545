package dev.runbookbot.diagnose;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How one step's result reads in conditions and templates ({@code diagnostics.<step id>}): its facts, then
 * {@code status} ({@code healthy}, {@code warning}, {@code critical}, {@code unknown}, {@code error} or
 * {@code skipped}), {@code reason} and {@code failure} (the failure kind in lower case, or empty). A fact named like
 * one of the three keys is hidden by it.
 */
public final class StepReadings {
    public static final String STATUS = "status";
    public static final String REASON = "reason";
    public static final String FAILURE = "failure";

    private StepReadings() {}

    /** One step's entry. */
    public static Map<String, Object> of(DiagnosticResult result) {
        Map<String, Object> step = new LinkedHashMap<>(result.facts());
        step.put(STATUS, result.status().label());
        step.put(REASON, result.reason());
        step.put(
                FAILURE,
                result.failure().map(f -> f.name().toLowerCase(Locale.ROOT)).orElse(""));
        return step;
    }
}
