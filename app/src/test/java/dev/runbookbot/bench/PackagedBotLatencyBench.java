package dev.runbookbot.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runbookbot.testing.AlertmanagerPayloads;
import dev.runbookbot.testing.Poll;
import dev.runbookbot.testing.slack.FakeSlack;
import dev.runbookbot.testing.slack.RecordedCall;
import dev.runbookbot.testing.slack.SentEnvelope;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End-to-end latencies of the packaged bot ({@code ./runbookctl bot}) on loopback, each printed beside its goal:
 *
 * <ul>
 *   <li>alert webhook to the incident's first post at the fake Slack, p99 over {@code bench.alerts} (default 200)
 *       alerts sent one after another (goal <= 100 ms); the post's time is the fake's receive time, so the bench's
 *       own polling adds nothing;
 *   <li>{@code bench.identical} (default 4,000) identical notifications from 8 concurrent senders: requests per second
 *       (goal >= 1,000), p99 answer time (goal <= 20 ms), and threads opened (goal: exactly one);
 *   <li>Socket Mode ack p99 of {@code /runbook help} sent at 10 per second for {@code bench.ackSeconds} (default 10 s)
 *       while 50 diagnostics run (four runs of a runbook of thirteen 20 s steps) (goal <= 50 ms).
 * </ul>
 *
 * Asserts only that alerts were acknowledged and posted; never a timing.
 */
class PackagedBotLatencyBench {
    private static final int ALERTS = Integer.getInteger("bench.alerts", 200);
    private static final int IDENTICAL = Integer.getInteger("bench.identical", 4_000);
    private static final int ACK_SECONDS = Integer.getInteger("bench.ackSeconds", 10);
    private static final String CHANNEL = "C111";
    /** The team channels the sequential alerts are spread over, one runbook each. */
    private static final int TEAMS = Integer.getInteger("bench.channels", 50);

    @TempDir
    Path dir;

    @Test
    void alertToPostIdenticalAlertsAndAcksUnderLoad() throws Exception {
        DownService services = DownService.start();
        Path runbooks = Files.createDirectories(dir.resolve("runbooks"));
        PackagedBot.copyRunbook("bench-payments.yaml", runbooks, services.base());
        PackagedBot.copyRunbook("bench-slow.yaml", runbooks, "");
        try (FakeSlack slack = FakeSlack.start()) {
            List<String> teams = PackagedBot.copyPaymentsPerChannel(slack, runbooks, services.base(), TEAMS);
            try (PackagedBot bot = PackagedBot.start(slack, runbooks, dir, Map.of())) {
                bot.awaitReady();
                alertToFirstPost(bot, slack, teams);
                identicalAlerts(bot, slack);
                acksUnderLoad(slack);
            }
        } finally {
            services.close();
        }
    }

    /**
     * Alert {@code i} goes to team {@code i % TEAMS}'s runbook and channel, as alerts spread over teams do: in one
     * channel, each incident's two posts take two of Slack's one-a-second slots and a sequential alert waits for the
     * one before it, which measures Slack's pace rather than the bot.
     */
    private static void alertToFirstPost(PackagedBot bot, FakeSlack slack, List<String> teams) throws Exception {
        Instant startsAt = Instant.now().minusSeconds(60);
        double[] millis = new double[ALERTS];
        for (int i = 0; i < ALERTS; i++) {
            int team = i % teams.size();
            String body = AlertmanagerPayloads.firing(
                    AlertmanagerPayloads.labels("BenchPaymentsSlow" + team, "instance", "first-post-" + i),
                    Map.of("summary", "p99 latency high"),
                    startsAt);
            String channel = teams.get(team);
            int before = parentPosts(slack, channel).size();
            long sent = System.nanoTime();
            assertEquals(200, bot.postAlertmanager(body));
            RecordedCall post = Poll.until("the parent post of alert " + i, Duration.ofSeconds(30), () -> {
                List<RecordedCall> posts = parentPosts(slack, channel);
                return posts.size() > before ? Optional.of(posts.get(before)) : Optional.empty();
            });
            millis[i] = (post.receivedNanos() - sent) / 1e6;
        }
        Percentiles p = Percentiles.of(millis);
        System.out.printf(
                "[alert->post] webhook to first thread post, %d sequential alerts over %d team channels: %s; p99 goal"
                        + " <= 100 ms: %.2fx of goal%n",
                ALERTS, teams.size(), p.format("ms"), p.p99() / 100);
    }

    private static List<RecordedCall> parentPosts(FakeSlack slack) {
        return parentPosts(slack, CHANNEL);
    }

    private static List<RecordedCall> parentPosts(FakeSlack slack, String channel) {
        return slack.calls("chat.postMessage").stream()
                .filter(c -> channel.equals(c.param("channel")) && c.param("thread_ts") == null && c.status() == 200)
                .toList();
    }

    private static void identicalAlerts(PackagedBot bot, FakeSlack slack) throws Exception {
        String body = AlertmanagerPayloads.firing(
                AlertmanagerPayloads.labels("BenchPaymentsSlow", "instance", "identical"),
                Map.of("summary", "p99 latency high"),
                Instant.now().minusSeconds(30));
        int before = parentPosts(slack).size();
        ExecutorService senders = Executors.newFixedThreadPool(8);
        double[] millis = new double[IDENTICAL];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int s = 0; s < 8; s++) {
            done.add(senders.submit(() -> {
                for (int i = next.getAndIncrement(); i < IDENTICAL; i = next.getAndIncrement()) {
                    long t0 = System.nanoTime();
                    int status = bot.postAlertmanager(body);
                    millis[i] = (System.nanoTime() - t0) / 1e6;
                    if (status != 200) {
                        refused.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        senders.shutdown();
        Poll.until(
                "the identical alert's thread",
                Duration.ofSeconds(30),
                () -> parentPosts(slack).size() > before ? Optional.of(true) : Optional.empty());
        // every notification was answered and recorded: a second thread could only come from those already recorded
        int threads = parentPosts(slack).size() - before;
        Percentiles p = Percentiles.of(millis);
        System.out.printf(
                "[identical] %d identical notifications, 8 senders: %.0f req/s (goal >= 1,000: %.2fx of goal);"
                        + " answer %s (p99 goal <= 20 ms: %.2fx); threads opened %d (goal 1); non-2xx %d%n",
                IDENTICAL,
                IDENTICAL / seconds,
                IDENTICAL / seconds / 1000,
                p.format("ms"),
                p.p99() / 20,
                threads,
                refused.get());
    }

    private static void acksUnderLoad(FakeSlack slack) {
        for (int i = 0; i < 4; i++) { // the bot's four incident workers, thirteen steps each
            slack.awaitAck(slack.sendSlashCommand("/runbook", "run bench-slow", "U111", CHANNEL)
                    .envelopeId());
        }
        try {
            Poll.until(
                    "50 diagnostics running",
                    Duration.ofSeconds(60),
                    () -> sleeping() >= 50 ? Optional.of(true) : Optional.empty());
        } catch (AssertionError e) {
            System.out.printf("[ack] only %d diagnostics running after 60 s; measuring anyway%n", sleeping());
        }
        int commands = ACK_SECONDS * 10;
        List<SentEnvelope> sent = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < commands; i++) {
            long due = start + i * 100_000_000L; // 10 per second
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait); // pacing the load, not waiting for a result
            }
            sent.add(slack.sendSlashCommand("/runbook", "help", "U111", CHANNEL));
        }
        int running = sleeping();
        double[] millis = new double[commands];
        for (int i = 0; i < commands; i++) {
            slack.awaitAck(sent.get(i).envelopeId());
            millis[i] = slack.ackLatency(sent.get(i).envelopeId()).toNanos() / 1e6;
        }
        Percentiles p = Percentiles.of(millis);
        System.out.printf(
                "[ack] Socket Mode ack of %d /runbook help at 10/s with diagnostics running (%d at the end): %s;"
                        + " p99 goal <= 50 ms: %.2fx of goal%n",
                commands, running, p.format("ms"), p.p99() / 50);
    }

    /** The bench-slow steps running now: {@code sleep 20} processes. */
    private static int sleeping() {
        return (int) ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("/sleep")).orElse(false))
                .filter(p -> p.info()
                        .arguments()
                        .map(a -> a.length == 1 && a[0].equals("20"))
                        .orElse(false))
                .count();
    }
}
