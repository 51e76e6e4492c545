package dev.runbookbot.remediate;

import dev.runbookbot.runbook.RemediationSpec;
import java.util.List;
import java.util.Objects;

/**
 * Allowed environments per action (runbook-bots article, {@code @allowed_envs(["staging", "dev"])}): when a
 * remediation's {@code safety.scopes} lists environments, the incident's environment must be one of them (ignoring
 * case), or a {@link Promotion} must allow that remediation there. Otherwise the run is refused with the command that
 * promotes it: {@code remediation clear-cache may run in [staging]; this incident is in prod. Promote it with:
 * runbookctl promote --action clear-cache --env prod --evidence-url URL}. An empty scope list allows every environment.
 * Thread-safe when {@link Promotions} is.
 */
public final class EnvironmentScopeGuard implements Guard {
    private final Promotions promotions;

    public EnvironmentScopeGuard(Promotions promotions) {
        this.promotions = Objects.requireNonNull(promotions, "promotions");
    }

    @Override
    public GuardDecision check(GuardContext context) {
        RemediationSpec remediation = context.remediation().remediation();
        List<String> scopes = remediation.safety().scopes();
        String environment = context.incident().environment();
        if (scopes.isEmpty() || scopes.stream().anyMatch(environment::equalsIgnoreCase)) {
            return GuardDecision.allow();
        }
        if (promotions.isPromoted(remediation.id(), environment)) {
            return GuardDecision.allow();
        }
        return GuardDecision.refuse("remediation " + remediation.id() + " may run in " + scopes
                + "; this incident is in " + environment + ". Promote it with: runbookctl promote --action "
                + remediation.id() + " --env " + environment + " --evidence-url URL");
    }
}
