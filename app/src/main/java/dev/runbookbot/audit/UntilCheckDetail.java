package dev.runbookbot.audit;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The detail of the timeline entries a remediation's {@code until} records: the wait beginning ({@code check} 0,
 * verdict {@code WAITING}) and each check of the condition on fresh facts ({@code check} from 1, verdict {@code HELD},
 * {@code NOT_HELD} or {@code ERROR} with the evaluation's {@code error}), with the status each step it read had. {@code
 * item} is the loop's item ({@code [1/2] web-1}) or null outside a loop.
 */
public record UntilCheckDetail(
        String remediation,
        String item,
        String condition,
        int check,
        String verdict,
        String error,
        Map<String, String> statuses)
        implements TimelineDetail {
    public static final String WAITING = "WAITING";
    public static final String HELD = "HELD";
    public static final String NOT_HELD = "NOT_HELD";
    public static final String ERROR = "ERROR";

    public UntilCheckDetail {
        Objects.requireNonNull(remediation, "remediation");
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(verdict, "verdict");
        statuses = statuses == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(statuses));
    }
}
