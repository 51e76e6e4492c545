package dev.runbookbot.remediate;

/**
 * One check a remediation must pass before it runs: approval, environment scope, "what runs is what was approved".
 * Guards run in order in a {@link GuardChain}; the first refusal stops the run, and its reason is what the person who
 * clicked reads. A guard only reads: it never changes the store or the target. Implementations are thread-safe.
 */
@FunctionalInterface
public interface Guard {
    GuardDecision check(GuardContext context);
}
