package dev.runbookbot.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runbookbot.testing.AlertmanagerPayloads;
import dev.runbookbot.testing.slack.FakeSlack;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A soak of the packaged bot: for {@code bench.soak.seconds} (default 120, so that the whole bench run stays near ten
 * minutes; {@code -Dbench.soak.seconds=600} for the ten-minute soak) it takes a new alert every {@value
 * #NEW_ALERT_EVERY_SECONDS} s (a steady rate that Slack's one message a second per channel can carry, so no backlog
 * grows by design), two deliveries of the latest alert and one {@code /runbook help} per second, and samples its
 * resident memory every 5 s. Prints the least-squares slope of RSS over the second half of the run (after warm-up), in MB per minute,
 * beside the goal (about 0: no growth). Asserts only that every alert was acknowledged.
 */
class SoakBench {
    private static final int SECONDS = Integer.getInteger("bench.soak.seconds", 120);
    /** One new incident per this many seconds: within what Slack lets one channel take (two posts and some edits). */
    private static final int NEW_ALERT_EVERY_SECONDS = 5;

    @TempDir
    Path dir;

    @Test
    void residentMemoryStaysFlat() throws Exception {
        MockWebServer services = new MockWebServer();
        services.setDispatcher(new okhttp3.mockwebserver.Dispatcher() {
            @Override
            public MockResponse dispatch(okhttp3.mockwebserver.RecordedRequest request) {
                return new MockResponse().setResponseCode(503).setBody("{\"status\":\"down\"}");
            }
        });
        services.start(InetAddress.getByName("127.0.0.1"), 0);
        Path runbooks = Files.createDirectories(dir.resolve("runbooks"));
        PackagedBot.copyRunbook("bench-payments.yaml", runbooks, "http://127.0.0.1:" + services.getPort());
        List<double[]> samples = new ArrayList<>();
        long opened = 0;
        long parents = 0;
        try (FakeSlack slack = FakeSlack.start();
                PackagedBot bot = PackagedBot.start(slack, runbooks, dir, Map.of())) {
            bot.awaitReady();
            Instant startsAt = Instant.now().minusSeconds(60);
            long start = System.nanoTime();
            long tick = 0;
            String latest = "";
            while (System.nanoTime() - start < SECONDS * 1_000_000_000L) {
                if (tick % NEW_ALERT_EVERY_SECONDS == 0) {
                    latest = AlertmanagerPayloads.firing(
                            AlertmanagerPayloads.labels(
                                    "BenchPaymentsSlow", "instance", "soak-" + tick / NEW_ALERT_EVERY_SECONDS),
                            Map.of("summary", "soak"),
                            startsAt);
                    opened++;
                }
                assertEquals(200, bot.postAlertmanager(latest));
                assertEquals(200, bot.postAlertmanager(latest)); // Alertmanager's repeat
                slack.sendSlashCommand("/runbook", "help", "U111", "C111");
                if (tick % 5 == 0) {
                    samples.add(new double[] {(System.nanoTime() - start) / 60e9, bot.rssMb()});
                }
                tick++;
                long due = start + tick * 1_000_000_000L;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait); // pacing the load, not waiting for a result
                }
            }
            parents = slack.messages("C111").stream()
                    .filter(m -> m.byBot() && m.threadTs() == null)
                    .count();
        } finally {
            services.shutdown();
        }
        System.out.printf(
                "[soak] %d incidents opened, %d parents posted by the end (Slack's pace kept up: %s)%n",
                opened, parents, parents >= opened - 2 ? "yes" : "no");
        List<double[]> settled = samples.subList(samples.size() / 2, samples.size());
        double slope = slope(settled);
        System.out.printf(
                "[soak] %d s, %d samples: RSS first %.0f MB, last %.0f MB, max %.0f MB; slope over the second half"
                        + " %.2f MB/min (goal about 0)%n",
                SECONDS,
                samples.size(),
                samples.get(0)[1],
                samples.get(samples.size() - 1)[1],
                samples.stream().mapToDouble(s -> s[1]).max().orElse(Double.NaN),
                slope);
    }

    private static double slope(List<double[]> points) {
        double n = points.size();
        double sx = 0, sy = 0, sxy = 0, sxx = 0;
        for (double[] p : points) {
            sx += p[0];
            sy += p[1];
            sxy += p[0] * p[1];
            sxx += p[0] * p[0];
        }
        double denominator = n * sxx - sx * sx;
        return denominator == 0 ? Double.NaN : (n * sxy - sx * sy) / denominator;
    }
}
