package dev.runbookbot.decide;

import dev.runbookbot.diagnose.DiagnosticStatus;
import java.util.Collection;
import java.util.Locale;

/**
 * The verdict over all of a run's results: {@link #CRITICAL} if any step is critical, else {@link #WARNING} if any is
 * a warning, else {@link #UNKNOWN} if any is unknown or failed (or nothing was checked), else {@link #HEALTHY}. A run is
 * never called healthy when something could not be read. Skipped steps did not apply and do not count: a run where
 * every step was skipped checked nothing, so it is unknown.
 */
public enum OverallSeverity {
    HEALTHY,
    WARNING,
    CRITICAL,
    UNKNOWN;

    public static OverallSeverity of(Collection<DiagnosticStatus> all) {
        java.util.List<DiagnosticStatus> statuses =
                all.stream().filter(s -> s != DiagnosticStatus.SKIPPED).toList();
        if (statuses.contains(DiagnosticStatus.CRITICAL)) {
            return CRITICAL;
        }
        if (statuses.contains(DiagnosticStatus.WARNING)) {
            return WARNING;
        }
        if (statuses.isEmpty()
                || statuses.contains(DiagnosticStatus.UNKNOWN)
                || statuses.contains(DiagnosticStatus.ERROR)) {
            return UNKNOWN;
        }
        return HEALTHY;
    }

    /** The lower-case name decision conditions compare against, e.g. {@code 'critical'}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
