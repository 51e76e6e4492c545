package dev.runbookbot.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runbookbot.runtime.BotUnderTest;
import dev.runbookbot.testing.slack.PostedMessage;
import dev.runbookbot.testing.slack.RecordedCall;
import dev.runbookbot.testing.slack.SentEnvelope;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PB3/PB4 through the whole bot: {@code BotRuntime} as {@code runbookctl bot} builds it (catalog, SQLite file, incident
 * service, Slack adapter), against the fake Slack and the local health endpoints the test runbooks check. Prints the ack
 * latency of {@code /runbook} commands, the time from a {@code /runbook run} envelope to the incident's parent message
 * at the fake, and to the remediation message with its buttons (diagnostics included: two http_checks on 127.0.0.1).
 * Asserts only that every command was acknowledged and every incident posted; never timings.
 */
class BotRuntimeLatencyBench {
    private static final int HELPS = 300;
    /** Each waits for its Approve button, paced by Slack's one message a second in the channel: 15 keep it short. */
    private static final int RUNS = 15;

    @TempDir
    Path dir;

    @Test
    void ackAndFirstPostLatencyThroughTheWholeBot() throws Exception {
        try (BotUnderTest t = new BotUnderTest(dir)) {
            for (int i = 0; i < 20; i++) {
                t.slack.awaitAck(t.command("help", "U111").envelopeId());
            }
            double[] acks = new double[HELPS];
            for (int i = 0; i < HELPS; i++) {
                SentEnvelope sent = t.command("help", "U111");
                t.slack.awaitAck(sent.envelopeId());
                acks[i] = t.slack.ackLatency(sent.envelopeId()).toNanos() / 1e6;
            }
            System.out.println("[bot] ack latency, " + HELPS + " sequential /runbook help: "
                    + Percentiles.of(acks).format("ms") + " (Slack allows 3000 ms)");

            double[] runAcks = new double[RUNS];
            double[] firstPost = new double[RUNS];
            double[] buttons = new double[RUNS];
            List<SentEnvelope> runs = new ArrayList<>();
            for (int i = 0; i < RUNS; i++) {
                SentEnvelope sent = t.command("run payments-slow", "U111");
                runs.add(sent);
                t.slack.awaitAck(sent.envelopeId());
                runAcks[i] = t.slack.ackLatency(sent.envelopeId()).toNanos() / 1e6;
                PostedMessage parent = t.awaitParent(i + 1);
                RecordedCall post = t.slack.awaitCall("chat.postMessage", c -> parent.ts()
                        .equals(c.response().path("ts").asText()));
                firstPost[i] = (post.receivedNanos() - sent.sentNanos()) / 1e6;
                PostedMessage restart =
                        t.awaitInThread(parent, m -> m.buttonActionIds().contains("approve"), "the restart");
                RecordedCall buttonsPost = t.slack.awaitCall("chat.postMessage", c -> restart.ts()
                        .equals(c.response().path("ts").asText()));
                buttons[i] = (buttonsPost.receivedNanos() - sent.sentNanos()) / 1e6;
            }
            assertEquals(
                    RUNS,
                    t.slack.messages("C111").stream()
                            .filter(m -> m.byBot() && m.threadTs() == null)
                            .count());
            System.out.println("[bot] ack latency, " + RUNS + " sequential /runbook run: "
                    + Percentiles.of(runAcks).format("ms"));
            System.out.println("[bot] /runbook run to the incident's parent message at the fake: "
                    + Percentiles.of(firstPost).format("ms"));
            System.out.println("[bot] /runbook run to the remediation with Approve/Reject (2 diagnostics): "
                    + Percentiles.of(buttons).format("ms"));
        }
    }
}
