package dev.runbookbot.remediate;

/**
 * What runs is what was approved: the action rendered now (from the runbook version the incident ran, with the same
 * inputs) must read exactly like the preview stored with the run when it was proposed, which is what the approvers saw.
 * A difference means the runbook text, its inputs or the bot's configuration (a target's address) changed in between;
 * the run is refused and must be proposed again so people approve what will really happen. Runs are proposed with
 * {@link RemediationPipeline#proposal}, which stores the preview in the same form. Stateless and thread-safe.
 */
public final class UnchangedActionGuard implements Guard {
    @Override
    public GuardDecision check(GuardContext context) {
        if (context.preview().equals(context.run().preview())) {
            return GuardDecision.allow();
        }
        return GuardDecision.refuse("what " + context.run().label() + " would run now differs from what was approved"
                + " (the runbook, its inputs or the target's configuration changed); propose it again so the"
                + " approvers see the action as it will run");
    }
}
