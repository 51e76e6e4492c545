package dev.runbookbot.diagnose;

import java.util.Locale;

/**
 * How a diagnostic's result reads. {@link #UNKNOWN}: it ran, but no interpret condition held. {@link #ERROR}: it could
 * not run or did not finish (timeout, unreachable, bad response); the reason says which.
 */
public enum DiagnosticStatus {
    HEALTHY,
    WARNING,
    CRITICAL,
    UNKNOWN,
    ERROR;

    /** The lower-case name conditions compare against, e.g. {@code 'critical'}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
