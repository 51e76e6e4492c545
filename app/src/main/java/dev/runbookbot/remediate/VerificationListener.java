package dev.runbookbot.remediate;

/**
 * Hears the verdict of each recovery check, so the incident's thread can say whether the service recovered, with the
 * before/after evidence. The orchestrator implements it over Slack. Called once per check, on the recovery check's
 * scheduler thread, after the verdict is in the timeline; it must be quick (hand the Slack call to its own executor).
 * An exception it throws is logged and ignored.
 */
@FunctionalInterface
public interface VerificationListener {
    void verified(Verification verification);

    VerificationListener NONE = verification -> {};
}
