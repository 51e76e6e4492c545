package dev.runbookbot.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runbookbot.audit.IncidentId;
import dev.runbookbot.audit.RunId;
import dev.runbookbot.incident.IncidentState;
import dev.runbookbot.remediate.RunState;
import dev.runbookbot.testing.Poll;
import dev.runbookbot.testing.RecordingRemediator;
import dev.runbookbot.testing.slack.FakeChannel;
import dev.runbookbot.testing.slack.Fault;
import dev.runbookbot.testing.slack.FaultRule;
import dev.runbookbot.testing.slack.PostedMessage;
import dev.runbookbot.testing.slack.PublishedView;
import dev.runbookbot.testing.slack.RecordedCall;
import dev.runbookbot.testing.slack.SentEnvelope;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bot as the on-call engineer meets it, end to end: the whole bot started through {@link BotRuntime} against a fake
 * Slack on 127.0.0.1, real diagnostics (http_check against a local server), a real SQLite file, and a remediator that
 * records what it was asked to run. Every wait has a deadline; nothing sleeps.
 */
class SlackBotIT {
    private static final IncidentId INC_1 = new IncidentId(1);
    /** How a false flag arrives in a form-encoded Web API call. */
    private static final List<String> OFF = List.of("0", "false");

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

    /** Runs payments-slow as alice and waits for its remediation message with the buttons. */
    private PostedMessage runPaymentsToApproval(PostedMessage[] parentOut) {
        t.command("run payments-slow", "U111");
        PostedMessage parent = t.awaitParent(1);
        parentOut[0] = parent;
        return t.awaitInThread(parent, SlackBotIT::offersApproval, "the restart");
    }

    private static boolean hasNoButtons(PostedMessage m) {
        return m.buttonActionIds().isEmpty();
    }

    /** The thread's one reply shows every proposal; the restart's are Approve and Reject. */
    private static boolean offersApproval(PostedMessage m) {
        return m.buttonActionIds().containsAll(List.of("approve", "reject"));
    }

    @Test
    void aRunPostsItsThreadAndAnApproverClickRunsTheRemediation() {
        SentEnvelope command = t.command("run payments-slow region=\"<!here> eu\"", "U111");

        assertFalse(t.slack.awaitAck(command.envelopeId()).hasPayload(), "acknowledged at once, with nothing to say");
        PostedMessage parent = t.awaitParent(1);
        assertTrue(parent.allText().contains("Payment Service High Latency"), parent.allText());
        assertTrue(parent.allText().contains("*Triggered by:* <@U111>"), parent.allText());
        assertEquals(List.of("ack", "resolve", "rerun", "escalate"), parent.buttonActionIds());

        PostedMessage progress = t.awaitInThread(parent, "*Diagnosis finished* (2 steps)");
        assertTrue(progress.allText().contains(":red_circle: *Payments API health*: critical"), progress.allText());
        assertTrue(progress.allText().contains(":large_green_circle: *Database health*: healthy"), progress.allText());
        PostedMessage plan = t.awaitInThread(parent, "*Verdict: critical*");
        assertTrue(plan.allText().contains("*Payments API unhealthy, restart it*"), plan.allText());
        PostedMessage restart = t.awaitInThread(parent, SlackBotIT::offersApproval, "the restart");
        assertTrue(restart.allText().contains("restart_service restart_payments on payment-service in production"));
        assertTrue(
                restart.allText().contains("region=&lt;!here&gt; eu"), "parameters are escaped: " + restart.allText());
        PostedMessage manual = t.awaitInThread(parent, m -> m.buttonActionIds().contains("done"), "the manual");
        assertTrue(manual.allText().contains("Open the payments dashboard"), manual.allText());
        assertEquals(progress.ts(), plan.ts(), "one reply holds the diagnosis, the verdict and the proposals");
        assertEquals(plan.ts(), manual.ts());
        t.awaitVersion(parent, m -> m.allText().contains("*awaiting approval*"), "the parent shows the state");

        t.slack.clickButton(restart.ts(), "approve", "U222");

        PostedMessage decided = t.awaitVersion(
                restart,
                m -> !m.buttonActionIds().contains("approve") && m.allText().contains("*Done* at"),
                "the decision shown");
        assertTrue(decided.allText().contains("approved by <@U222>"), decided.allText());
        RecordingRemediator.Execution execution =
                Poll.until("the execution", BotUnderTest.WAIT, () -> t.remediator().executions().stream()
                        .findFirst());
        assertEquals("U222", execution.actor());
        assertEquals("<!here> eu", execution.params().get("region"));
        t.awaitInThread(parent, "run-1 succeeded");
        t.awaitTimeline(INC_1, "U222 approved restart_payments (run-1)");
        t.awaitVersion(parent, m -> m.allText().contains("*remediating*"), "the parent shows the remediation");
        assertEquals(List.of(), t.slack.ephemerals(), "an accepted click needs no answer");
        assertEquals(List.of(), t.slack.responseUrlPosts(), "nor does a run that opened its thread");
        assertEquals(
                1, t.posts().stream().filter(c -> c.param("thread_ts") == null).count(), "one parent, edited");
        List<String> threaded = t.posts().stream()
                .filter(c -> c.param("thread_ts") != null && c.status() == 200)
                .map(c -> c.param("text"))
                .toList();
        assertEquals(2, threaded.size(), "one reply, then only the outcome a person must see: " + threaded);

        for (RecordedCall post : t.posts()) {
            assertTrue(OFF.contains(post.param("unfurl_links")), post.toString());
            assertTrue(OFF.contains(post.param("unfurl_media")), post.toString());
        }
        for (PostedMessage message : t.slack.messages(BotUnderTest.CHANNEL)) {
            String blocks = message.blocks().toString();
            assertFalse(blocks.contains("\"mrkdwn\",\"text\":\"<!"), blocks);
            assertFalse(mrkdwnTexts(message.blocks()).stream().anyMatch(s -> s.contains("<!")), blocks);
        }
    }

    private static List<String> mrkdwnTexts(JsonNode node) {
        List<String> out = new java.util.ArrayList<>();
        if (node.isObject()) {
            if ("mrkdwn".equals(node.path("type").asText())) {
                out.add(node.path("text").asText());
            }
            node.forEach(child -> out.addAll(mrkdwnTexts(child)));
        } else if (node.isArray()) {
            node.forEach(child -> out.addAll(mrkdwnTexts(child)));
        }
        return out;
    }

    @Test
    void aNonApproverIsRefusedAndAGroupMemberMayApproveOnceOnly() {
        PostedMessage[] parent = new PostedMessage[1];
        PostedMessage restart = runPaymentsToApproval(parent);

        SentEnvelope outsider = t.slack.clickButton(restart.ts(), "approve", "U444");
        String refusal = t.awaitEphemeral(outsider, "U444");
        assertTrue(
                refusal.startsWith(":no_entry: Not done: only the approvers of runbook payments-slow may approve"),
                refusal);
        t.awaitTimeline(INC_1, "refused approve of restart_payments (run-1): only the approvers");

        // a double click: two envelopes from the same message, both sent before the first is handled
        SentEnvelope first = t.slack.clickButton(restart.ts(), "approve", "U333");
        t.slack.send(first.json().deepCopy().put("envelope_id", first.envelopeId() + "-again"));

        String second = t.awaitEphemeral(first, "U333");
        assertTrue(second.contains("nothing to approve"), second);
        t.awaitTimeline(INC_1, "refused approve of restart_payments (run-1): restart_payments (run-1)");
        t.awaitVersion(restart, m -> !m.buttonActionIds().contains("approve"), "approved through the group");
        assertFalse(t.slack.calls("usergroups.users.list").isEmpty(), "the group was resolved when clicked");
        Poll.until(
                "the one execution",
                BotUnderTest.WAIT,
                () -> t.remediator().executions().size() == 1 ? Optional.of(true) : Optional.empty());
        assertEquals(1, t.remediator().executions().size());
        assertEquals("U333", t.remediator().executions().get(0).actor());
    }

    @Test
    void onAP1TheRequesterCannotApproveTheirOwnRemediation() {
        t.command("run checkout-down", "U111");
        PostedMessage parent = t.awaitParent(1);
        PostedMessage restart =
                t.awaitInThread(parent, m -> m.buttonActionIds().contains("approve"), "the checkout restart");

        SentEnvelope self = t.slack.clickButton(restart.ts(), "approve", "U111");
        String refusal = t.awaitEphemeral(self, "U111");
        assertTrue(refusal.contains("this is a P1 incident and you triggered the run"), refusal);
        t.awaitTimeline(INC_1, "refused approve of restart_checkout (run-1): this is a P1 incident");
        assertEquals(
                List.of("approve", "reject"),
                t.slack.message(restart.ts()).orElseThrow().buttonActionIds());

        t.slack.clickButton(restart.ts(), "approve", "U222");
        t.awaitVersion(restart, m -> m.allText().contains("approved by <@U222>"), "bob's approval");
        assertEquals(
                "U222",
                Poll.until("the execution", BotUnderTest.WAIT, () -> t.remediator().executions().stream()
                                .findFirst())
                        .actor());
    }

    @Test
    void aClickAfterTheApprovalWindowIsRefusedAndTheMessageShowsTheExpiry() {
        t.command("run checkout-down", "U111");
        PostedMessage parent = t.awaitParent(1);
        PostedMessage restart =
                t.awaitInThread(parent, m -> m.buttonActionIds().contains("approve"), "the checkout restart");
        t.clock.advance(Duration.ofMinutes(3));

        SentEnvelope late = t.slack.clickButton(restart.ts(), "approve", "U222");

        String refusal = t.awaitEphemeral(late, "U222");
        assertTrue(refusal.contains("its approval window closed at 2025-03-01T03:02:00Z"), refusal);
        t.awaitTimeline(INC_1, "refused approve of restart_checkout (run-1)");
        t.awaitVersion(
                restart,
                m -> m.buttonActionIds().equals(List.of("propose_again"))
                        && m.allText().contains("*Expired* at"),
                "the expiry shown, with nothing to approve");
        assertEquals(
                RunState.EXPIRED,
                t.bot.records().run(new RunId(1)).orElseThrow().state());
        assertTrue(t.remediator().executions().isEmpty());
    }

    @Test
    void doneRecordsWhoDidTheManualStepAndAckShowsWhoIsOnIt() {
        PostedMessage[] parent = new PostedMessage[1];
        runPaymentsToApproval(parent);
        PostedMessage manual =
                t.awaitInThread(parent[0], m -> m.buttonActionIds().contains("done"), "the manual step");

        t.slack.clickButton(manual.ts(), "done", "U222");
        t.slack.clickButton(parent[0].ts(), "ack", "U333");

        t.awaitVersion(
                manual,
                m -> !m.buttonActionIds().contains("done")
                        && m.allText().contains("*Done* at 2025-03-01 03:00:00 UTC by <@U222>"),
                "the manual step done");
        t.awaitVersion(
                parent[0],
                m -> !m.buttonActionIds().contains("ack") && m.allText().contains("*On it:* <@U333>"),
                "the ack");
        assertTrue(t.remediator().executions().isEmpty(), "the bot never runs a manual step");
        assertTrue(
                t.bot.records().incident(INC_1).orElseThrow().acknowledgement().isPresent());
    }

    @Test
    void theBotSurvivesASocketRefreshAndADroppedSocketMidRun() throws Exception {
        t.paymentsGate = new CountDownLatch(1);
        t.command("run payments-slow", "U111");
        PostedMessage parent = t.awaitParent(1);
        t.awaitInThread(parent, "*Diagnosing…* 1 of 2 steps finished");

        t.slack.disconnect("refresh_requested");
        t.slack.awaitConnectionCount(2);
        t.paymentsGate.countDown();
        PostedMessage restart = t.awaitInThread(parent, m -> m.buttonActionIds().contains("approve"), "the restart");
        t.slack.dropConnection();
        t.slack.awaitConnectionCount(3, Duration.ofSeconds(20));

        SentEnvelope click = t.slack.clickButton(restart.ts(), "approve", "U222");
        t.slack.awaitAck(click.envelopeId());
        t.awaitVersion(restart, m -> m.allText().contains("*Done* at"), "the approval after two reconnects");
        t.awaitInThread(parent, "*Diagnosis finished* (2 steps)");
    }

    @Test
    void aBurstOf429sIsWaitedOutAndTheFinalStateStillArrives() {
        t.slack.inject(FaultRule.on("chat.update", Fault.rateLimited(1)).times(2));
        t.slack.inject(FaultRule.on("chat.postMessage", Fault.rateLimited(1)).times(2));

        t.command("run payments-slow", "U111");
        PostedMessage parent = t.awaitParent(1);
        PostedMessage restart = t.awaitInThread(parent, m -> m.buttonActionIds().contains("approve"), "the restart");
        t.awaitInThread(parent, "*Diagnosis finished* (2 steps)");
        t.awaitVersion(parent, m -> m.allText().contains("*awaiting approval*"), "the final parent state");
        t.slack.clickButton(restart.ts(), "approve", "U222");
        t.awaitVersion(restart, m -> m.allText().contains("*Done* at"), "the outcome");

        assertEquals(
                2,
                t.slack.calls("chat.update").stream()
                        .filter(c -> c.status() == 429)
                        .count());
        assertEquals(2, t.posts().stream().filter(c -> c.status() == 429).count());
        assertEquals(List.of(), t.slack.callsInsideRetryAfterWindows(), "Retry-After is honoured");
    }

    @Test
    void anUnknownRunbookIsAnsweredWithTheClosestMatches() {
        SentEnvelope command = t.command("run payments-slo", "U111");

        String answer = t.awaitEphemeral(command, "U111");

        assertEquals(":warning: Nothing was started: no runbook `payments-slo`; did you mean `payments-slow`?", answer);
        assertEquals(List.of(), t.posts());
        assertTrue(t.bot.records().incidents(false, 10).isEmpty());
    }

    @Test
    void inAChannelWithoutTheBotThePersonIsToldHowToInviteIt() {
        t.slack.addChannel(FakeChannel.publicWithoutBot("C222", "ops"));

        SentEnvelope command = t.slack.sendSlashCommand("/runbook", "run payments-slow", "U111", "C222");

        String answer = t.awaitEphemeral(command, "U111");
        assertEquals(
                ":warning: INC-1 is open and its diagnostics are running, but runbook-bot could not post its thread in"
                        + " this channel. Invite it by typing `/invite @runbook-bot` here; meanwhile `/runbook status"
                        + " INC-1` shows where it stands.",
                answer);
        t.awaitTimeline(
                INC_1,
                "could not open the incident thread in C222: runbook-bot is not a member of the channel. Invite it by"
                        + " typing /invite @runbook-bot in C222");
        t.awaitTimeline(INC_1, "INC-1 diagnosing -> awaiting approval");
        assertTrue(t.slack.messages("C222").isEmpty());
    }

    @Test
    void stepRunsOneDiagnostic() {
        t.command("run payments-slow --step db_health", "U111");
        PostedMessage parent = t.awaitParent(1);

        PostedMessage progress = t.awaitInThread(parent, "*Diagnosis finished* (1 step)");
        t.awaitInThread(parent, "No decision proposes a remediation");

        assertTrue(progress.allText().contains("*Database health*: healthy"), progress.allText());
        assertFalse(progress.allText().contains("Payments API health"), progress.allText());
        assertNull(t.serviceRequests.get("/payments/health"), "the other diagnostic did not run");
        t.awaitVersion(parent, m -> m.allText().contains("*open*"), "no remediation to wait for");
        assertEquals(
                IncidentState.OPEN,
                t.bot.records().incident(INC_1).orElseThrow().state());

        SentEnvelope unknown = t.command("run payments-slow --step db_helth", "U111");
        assertEquals(
                ":warning: Nothing was started: runbook `payments-slow` has no diagnostic `db_helth`; did you mean"
                        + " `db_health`?",
                t.awaitEphemeral(unknown, "U111"));
    }

    @Test
    void theHomeTabListsTheIncidentItsRunsAndTheCatalog() {
        PostedMessage[] parent = new PostedMessage[1];
        runPaymentsToApproval(parent);

        t.slack.openAppHome("U111");

        PublishedView home = Poll.until("the Home tab", BotUnderTest.WAIT, () -> t.slack.homeView("U111"));
        String text = home.view().toString();
        assertTrue(text.contains("*INC-1* Payment Service High Latency"), text);
        assertTrue(text.contains("`restart_payments` (run-1) for *INC-1*: proposed"), text);
        assertTrue(text.contains("`/runbook run checkout-down`"), text);
    }

    @Test
    void listShowStatusHistoryAndHelpAnswerOnlyThePersonWhoAsked() {
        assertTrue(t.awaitEphemeral(t.command("help", "U111"), "U111").startsWith("*runbook-bot* commands:"));
        String list = t.awaitEphemeral(t.command("list payments", "U111"), "U111");
        assertTrue(list.contains("`payments-slow` Payment Service High Latency · P2 · payment-service"), list);
        assertFalse(list.contains("checkout-down"), list);
        String show = t.awaitEphemeral(t.command("show payment-service-slow", "U111"), "U111");
        assertTrue(show.contains("`api_health` Payments API health (http_check)"), show);
        assertTrue(show.contains("`restart_payments` Restart Payment Pods (restart_service, needs approval)"), show);

        PostedMessage[] parent = new PostedMessage[1];
        runPaymentsToApproval(parent);
        t.awaitVersion(parent[0], m -> m.allText().contains("*awaiting approval*"), "the parent's state");
        String status = t.awaitEphemeral(t.command("status INC-1", "U111"), "U111");
        assertTrue(status.contains("*INC-1* Payment Service High Latency · awaiting approval"), status);
        assertTrue(status.contains("`restart_payments` (run-1): proposed"), status);
        String history = t.awaitEphemeral(t.command("history 5", "U111"), "U111");
        assertTrue(history.startsWith("*The last 1 incidents*"), history);
        String unknown = t.awaitEphemeral(t.command("status INC-9", "U111"), "U111");
        assertEquals(":warning: There is no incident INC-9. `/runbook history` lists the latest.", unknown);
    }
}
