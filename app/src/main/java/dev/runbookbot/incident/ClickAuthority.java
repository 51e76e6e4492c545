package dev.runbookbot.incident;

import dev.runbookbot.audit.Actor;
import dev.runbookbot.audit.ChatLocation;
import dev.runbookbot.remediate.ApprovalPolicy;
import dev.runbookbot.remediate.OrderingGuard;
import dev.runbookbot.remediate.RemediationRun;
import dev.runbookbot.remediate.RunContext;
import dev.runbookbot.runbook.RemediationType;
import java.util.Objects;
import java.util.Optional;

/**
 * Who may do what to a run, decided once per click and before anything changes: the click came from the run's own
 * message ({@link MessageBinding}); the person is on the workspace's team, among the runbook's approvers, and not the
 * requester of a P1 run they approve ({@link ApprovalPolicy}); the button fits the step (Done for a step a person
 * carries out, Run for the bot's own); what it waits for ({@code after}) has succeeded. The guards the pipeline runs later are about the run (its approvals, its
 * environment, what was approved), never about the person.
 */
public final class ClickAuthority {
    private final ApprovalPolicy policy;
    private final ChatGateway chat;

    public ClickAuthority(ApprovalPolicy policy, ChatGateway chat) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.chat = Objects.requireNonNull(chat, "chat");
    }

    /**
     * Empty when {@code clickedOn} is the run's message: the record's, or (in the moment between Slack taking a message
     * and the record saying so) the gateway's.
     */
    public Optional<String> notFromItsMessage(RemediationRun run, ChatLocation clickedOn) {
        return MessageBinding.refusal(clickedOn, run.message().or(() -> chat.placeOf(run.id())), run.label());
    }

    /** Empty when {@code actor} may do {@code purpose} to the run; otherwise the reason, for the person who clicked. */
    public Optional<String> refusal(RunContext context, Actor actor, ApprovalPolicy.Purpose purpose) {
        return policy.refusal(actor, purpose, context.incident(), context.runbook(), context.run())
                .or(() -> wrongKind(purpose, context))
                .or(() -> tooEarly(purpose, context));
    }

    /**
     * A remediation with {@code after} cannot be approved, run or marked done before the remediations it names have
     * succeeded in the incident (rejecting it is always possible).
     */
    private static Optional<String> tooEarly(ApprovalPolicy.Purpose purpose, RunContext context) {
        if (purpose == ApprovalPolicy.Purpose.REJECT) {
            return Optional.empty();
        }
        return OrderingGuard.waitingFor(context.runbook(), context.remediation(), context.incidentRuns())
                .map(reason -> context.run().label() + " " + reason + "; try again once it has");
    }

    /** Done is for steps a person carries out, Run for the bot's own actions; a button of the other kind is refused. */
    private static Optional<String> wrongKind(ApprovalPolicy.Purpose purpose, RunContext context) {
        boolean manual = context.remediation().type() == RemediationType.MANUAL;
        if (purpose == ApprovalPolicy.Purpose.MARK_DONE && !manual) {
            return Optional.of(
                    context.run().label() + " is carried out by the bot, not by hand; it cannot be marked done");
        }
        if (purpose == ApprovalPolicy.Purpose.RUN && manual) {
            return Optional.of(context.run().label() + " is a manual step; mark it done once you have carried it out");
        }
        return Optional.empty();
    }
}
