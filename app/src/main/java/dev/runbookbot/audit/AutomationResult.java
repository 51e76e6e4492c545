package dev.runbookbot.audit;

import java.util.Locale;

/**
 * How an automated step ended, as the runbook-bots article counts them. {@link #label()} is the lower-case name used in
 * the database ({@code automation_event.status}, so the article's query runs as written) and as the {@code result}
 * metric label.
 */
public enum AutomationResult {
    SUCCEEDED,
    FAILED,
    TIMED_OUT,
    INTERRUPTED,
    /** The automation could not finish the job; a person had to (a manual step, an unmatched expected output). */
    REQUIRES_MANUAL,
    /** A person overrode the bot: rejected its proposal, or did something else instead. */
    OVERRIDDEN;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads a {@link #label()}. */
    public static AutomationResult fromLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }

    /** The results that mean a person had to step in. */
    public boolean neededHuman() {
        return this == REQUIRES_MANUAL || this == OVERRIDDEN;
    }
}
