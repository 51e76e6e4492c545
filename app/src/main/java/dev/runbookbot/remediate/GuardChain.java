package dev.runbookbot.remediate;

import java.util.List;

/**
 * The guards a remediation passes, in order; the first refusal wins and the later guards are not asked. The standard
 * chain is {@link #standard}: the incident is still active (nothing runs on an ended incident), then approval (the
 * question people ask first is "who said yes?"), then the environment scope, then "what runs is exactly what was
 * approved". One remediation at a time per service and environment is not a
 * guard here: the store enforces it atomically when the run starts ({@code TARGET_BUSY}), because a check made before
 * starting could race with another start. Immutable and thread-safe.
 */
public final class GuardChain {
    private final List<Guard> guards;

    public GuardChain(List<Guard> guards) {
        this.guards = List.copyOf(guards);
    }

    /**
     * Active incident, approval, environment scope (with {@code promotions}), unchanged action: the chain without the
     * guards that read the incident's other runs or run diagnostics again (for tests of the others).
     */
    public static GuardChain standard(Promotions promotions) {
        return new GuardChain(List.of(
                new ActiveIncidentGuard(),
                new ApprovalGuard(),
                new EnvironmentScopeGuard(promotions),
                new UnchangedActionGuard()));
    }

    /**
     * The chain the bot runs: active incident, approval, ordering ({@code after}: the remediations it waits for have
     * succeeded, {@link OrderingGuard}), environment scope, unchanged action, and last the precondition ({@code
     * require} re-checked on fresh diagnostics, {@link PreconditionGuard}), the one guard that asks the outside world,
     * so it runs only when everything else allows.
     */
    public static GuardChain standard(Promotions promotions, RunStore store, PreconditionGuard preconditions) {
        return new GuardChain(List.of(
                new ActiveIncidentGuard(),
                new ApprovalGuard(),
                new OrderingGuard(store),
                new EnvironmentScopeGuard(promotions),
                new UnchangedActionGuard(),
                preconditions));
    }

    /** The first refusal, or {@link GuardDecision.Allow} when every guard allows. */
    public GuardDecision check(GuardContext context) {
        for (Guard guard : guards) {
            GuardDecision decision = guard.check(context);
            if (!decision.allowed()) {
                return decision;
            }
        }
        return GuardDecision.allow();
    }
}
