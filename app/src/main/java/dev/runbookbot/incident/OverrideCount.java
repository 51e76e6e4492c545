package dev.runbookbot.incident;

import dev.runbookbot.audit.NonBlank;

/**
 * One line of the overrides report: for an action, how many of its automation events needed a person ({@code
 * requiresManual + overridden}) out of all its events.
 */
public record OverrideCount(String action, long requiresManual, long overridden, long allEvents) {
    public OverrideCount {
        NonBlank.require(action, "action");
    }

    public long neededHuman() {
        return requiresManual + overridden;
    }
}
