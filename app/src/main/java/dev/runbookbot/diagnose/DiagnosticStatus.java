package dev.runbookbot.diagnose;

import java.util.Locale;

/**
 * How a diagnostic's result reads. {@link #UNKNOWN}: it ran, but no interpret condition held. {@link #ERROR}: it could
 * not run or did not finish (timeout, unreachable, bad response); the reason says which. {@link #SKIPPED}: it did not
 * run on purpose (its {@code when} was false, or a step it needs did not produce a reading); a skipped step does not
 * count toward the overall severity.
 */
public enum DiagnosticStatus {
    HEALTHY,
    WARNING,
    CRITICAL,
    UNKNOWN,
    ERROR,
    SKIPPED;

    /** The lower-case name conditions compare against, e.g. {@code 'critical'}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
