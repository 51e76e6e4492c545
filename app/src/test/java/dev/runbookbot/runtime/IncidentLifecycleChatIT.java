package dev.runbookbot.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.audit.IncidentId;
import dev.runbookbot.audit.RunId;
import dev.runbookbot.incident.IncidentState;
import dev.runbookbot.remediate.RemediationRun;
import dev.runbookbot.remediate.RunState;
import dev.runbookbot.testing.Poll;
import dev.runbookbot.testing.slack.PostedMessage;
import dev.runbookbot.testing.slack.SentEnvelope;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An incident's life from Slack, through the whole bot on a fake Slack: {@code /runbook resolve}, {@code reopen} and
 * {@code escalate}, each allowed to the approvers and the incident's participants only, recorded with who and why,
 * said in the thread and shown on the parent message.
 */
class IncidentLifecycleChatIT {
    private static final IncidentId INC_1 = new IncidentId(1);

    @TempDir
    Path dir;

    private BotUnderTest t;

    @BeforeEach
    void start() throws Exception {
        t = new BotUnderTest(dir);
    }

    @AfterEach
    void stop() {
        if (t != null) {
            t.close();
        }
    }

    private PostedMessage runToApproval() {
        t.command("run payments-slow", "U111");
        PostedMessage parent = t.awaitParent(1);
        t.awaitVersion(parent, m -> m.allText().contains("*awaiting approval*"), "the proposals");
        return parent;
    }

    @Test
    void aParticipantResolvesAndReopensAnOutsiderIsRefused() {
        PostedMessage parent = runToApproval();

        SentEnvelope outsider = t.command("resolve INC-1 looks fine to me", "U444");
        String refusal = t.awaitEphemeral(outsider, "U444");
        assertTrue(
                refusal.startsWith(":no_entry: Not done: only the approvers of runbook payments-slow (U222, S100) or"
                        + " the people taking part in INC-1 may resolve it"),
                refusal);
        t.awaitTimeline(INC_1, "refused resolve of INC-1");
        assertEquals(
                IncidentState.AWAITING_APPROVAL,
                t.bot.records().incident(INC_1).orElseThrow().state());

        SentEnvelope resolve = t.command("resolve INC-1 restarted the pool by hand", "U111");
        assertEquals(":white_check_mark: Resolved INC-1.", t.awaitEphemeral(resolve, "U111"));
        t.awaitInThread(parent, "Resolved by U111: restarted the pool by hand");
        PostedMessage resolved = t.awaitVersion(parent, m -> m.allText().contains("*resolved*"), "resolved");
        assertEquals(List.of(), resolved.buttonActionIds(), "a resolved incident offers nothing to click");
        t.awaitTimeline(INC_1, "awaiting approval -> resolved: restarted the pool by hand");

        SentEnvelope again = t.command("resolve 1", "U222");
        assertTrue(t.awaitEphemeral(again, "U222").startsWith(":no_entry: Not done: INC-1"), "already resolved");

        SentEnvelope reopen = t.command("reopen INC-1", "U111");
        assertEquals(":white_check_mark: Reopened INC-1.", t.awaitEphemeral(reopen, "U111"));
        t.awaitInThread(parent, "Reopened by U111: reopened in chat");
        t.awaitVersion(parent, m -> m.allText().contains("*open*"), "open again");
        t.awaitTimeline(INC_1, "U111 reopened INC-1: reopened in chat");
        assertEquals(
                IncidentState.OPEN,
                t.bot.records().incident(INC_1).orElseThrow().state());
    }

    @Test
    void anApproverEscalatesAndTheEscalationIsPostedAndRecorded() {
        t.command("run team-notice", "U111");
        PostedMessage parent = t.awaitParent(1);
        t.awaitVersion(parent, m -> m.allText().contains("*awaiting approval*"), "the proposal");

        SentEnvelope escalate = t.command("escalate INC-1 the pool keeps draining", "U333");
        String answer = t.awaitEphemeral(escalate, "U333");
        assertEquals(":white_check_mark: Escalated INC-1: posted to C111.", answer);
        t.awaitInThread(parent, "Escalated by U333 (the pool keeps draining): posted to C111.");
        PostedMessage posted = t.awaitParent(2);
        assertTrue(posted.allText().contains("INC-1 needs more hands (the pool keeps draining)"), posted.allText());
        t.awaitVersion(parent, m -> m.allText().contains("*escalated*"), "escalated");
        t.awaitTimeline(INC_1, "U333 asked to escalate: posted to ");
        assertEquals(
                IncidentState.ESCALATED,
                t.bot.records().incident(INC_1).orElseThrow().state());
    }

    @Test
    void theParentMessageButtonsResolveAndRerunTheDiagnostics() {
        PostedMessage parent = runToApproval();
        assertEquals(
                List.of("ack", "resolve", "rerun", "escalate"),
                t.slack.message(parent.ts()).orElseThrow().buttonActionIds());

        SentEnvelope outsider = t.slack.clickButton(parent.ts(), "rerun", "U444");
        assertTrue(t.awaitEphemeral(outsider, "U444").contains("may re-run the diagnostics of it"), "refused");

        t.slack.clickButton(parent.ts(), "rerun", "U111");
        t.awaitInThread(parent, "U111 asked to run the diagnostics again.");
        t.awaitTimeline(INC_1, "U111 asked to run the diagnostics again");
        Poll.until(
                "a second diagnosis",
                BotUnderTest.WAIT,
                () -> t.bot.records().timeline(INC_1).stream()
                                        .filter(e -> e.summary().contains("-> diagnosing"))
                                        .count()
                                >= 2
                        ? Optional.of(true)
                        : Optional.empty());
        t.awaitVersion(parent, m -> m.allText().contains("*awaiting approval*"), "the proposals again");
        assertEquals(
                1,
                t.bot.records().runs(INC_1).stream()
                        .filter(r -> r.remediationId().equals("restart_payments"))
                        .count(),
                "a proposal still pending is not proposed twice");

        t.slack.clickButton(parent.ts(), "resolve", "U222");
        t.awaitInThread(parent, "Resolved by U222: resolved in chat");
        t.awaitVersion(
                parent,
                m -> m.allText().contains("*resolved*") && m.buttonActionIds().isEmpty(),
                "resolved");
    }

    @Test
    void anExpiredProposalIsProposedAgainWithFreshEvidence() {
        t.command("run checkout-down", "U111");
        PostedMessage parent = t.awaitParent(1);
        PostedMessage restart =
                t.awaitInThread(parent, m -> m.buttonActionIds().contains("approve"), "the checkout restart");
        t.clock.advance(Duration.ofMinutes(3));
        SentEnvelope late = t.slack.clickButton(restart.ts(), "approve", "U222");
        t.awaitEphemeral(late, "U222");
        t.awaitVersion(restart, m -> m.buttonActionIds().equals(List.of("propose_again")), "the expired proposal");

        t.slack.clickButton(restart.ts(), "propose_again", "U222");

        t.awaitInThread(parent, "U222 asked to propose restart_checkout (run-1) again, with fresh evidence.");
        RemediationRun again =
                Poll.until("the new attempt", BotUnderTest.WAIT, () -> t.bot.records().runs(INC_1).stream()
                        .filter(r -> r.remediationId().equals("restart_checkout") && r.attempt() == 2)
                        .findFirst());
        assertEquals(RunState.PROPOSED, again.state());
        // the thread's one reply (or a later message) shows the new attempt with its own buttons
        PostedMessage proposed = t.awaitInThread(
                parent,
                m -> m.buttonActionIds().containsAll(List.of("approve", "reject"))
                        && m.allText().contains(again.id().toString()),
                "the new proposal with its buttons");
        assertTrue(proposed.allText().contains(again.id().toString()), proposed.allText());
        assertEquals(
                RunState.EXPIRED,
                t.bot.records().run(new RunId(1)).orElseThrow().state());
    }

    @Test
    void anEscalationThatReachesNobodyIsRefusedAndChangesNothing() {
        runToApproval();

        SentEnvelope escalate = t.command("escalate INC-1", "U222");
        String answer = t.awaitEphemeral(escalate, "U222");
        assertTrue(
                answer.startsWith(":no_entry: Not done: nobody was reached: could not post to #incidents-payments"),
                answer);
        assertEquals(
                IncidentState.AWAITING_APPROVAL,
                t.bot.records().incident(INC_1).orElseThrow().state());
    }

    @Test
    void aNewThreadSaysWhatHappenedTheLastTimes() {
        PostedMessage first = runToApproval();
        t.slack.clickButton(
                t.awaitInThread(first, m -> m.buttonActionIds().contains("approve"), "the restart")
                        .ts(),
                "approve",
                "U222");
        t.awaitInThread(first, "run-1 succeeded");
        t.clock.advance(Duration.ofMinutes(12));
        t.command("resolve INC-1 pool restarted", "U111");
        t.awaitVersion(first, m -> m.allText().contains("*resolved*"), "resolved");

        t.command("run payments-slow", "U222");
        PostedMessage second = t.awaitParent(2);
        PostedMessage lastTimes = t.awaitInThread(second, "Last times:");
        assertTrue(
                lastTimes.allText().contains("Last times: runbook payments-slow handled 1 incident before this one:"),
                lastTimes.allText());
        assertTrue(
                lastTimes
                        .allText()
                        .contains("• INC-1 (2025-03-01 03:00 UTC): restart_payments succeeded; resolved"
                                + " after 12 min"),
                lastTimes.allText());
    }

    @Test
    void anUnknownIncidentIsNamed() {
        SentEnvelope unknown = t.command("escalate INC-42", "U222");
        assertEquals(":no_entry: Not done: there is no incident INC-42", t.awaitEphemeral(unknown, "U222"));
    }
}
