package dev.runbookbot.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runbookbot.testing.AlertmanagerPayloads;
import dev.runbookbot.testing.slack.FakeSlack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Start-up and footprint of the packaged bot ({@code ./runbookctl bot}, its JVM settings and class-data archive)
 * against the fake Slack with only the two tokens, the shipped runbooks plus one alert runbook: launch to ready
 * (Socket Mode connected, web server listening) against {@code runbookctl --version} in the same run, resident memory
 * when ready and with {@code bench.incidents} (default 1,000) incidents open (or as many as opened within {@code
 * bench.incidentSeconds}, default 240), and {@code runbookctl lint runbooks/} wall time. One untimed training start
 * first writes the class-data archive, as a user's first start does. Prints each figure beside its goal; asserts only
 * that the bot started, lint passed and every alert was acknowledged.
 */
class StartupFootprintBench {
    private static final int STARTS = Integer.getInteger("bench.startups", 3);
    private static final int INCIDENTS = Integer.getInteger("bench.incidents", 1_000);
    /** How long the incidents phase may take: the bot opens them about as fast as Slack takes one channel's posts. */
    private static final Duration INCIDENT_WAIT = Duration.ofSeconds(Long.getLong("bench.incidentSeconds", 240));
    /** The channels the incidents are spread over, one runbook each. */
    private static final int TEAMS = Integer.getInteger("bench.channels", 50);

    @TempDir
    Path dir;

    @Test
    void startupMemoryAndLint() throws Exception {
        DownService services = DownService.start();
        Path runbooks = Files.createDirectories(dir.resolve("runbooks"));
        try (var shipped = Files.list(PackagedBot.ROOT.resolve("runbooks"))) {
            for (Path file : shipped.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                Files.copy(file, runbooks.resolve(file.getFileName()));
            }
        }
        PackagedBot.copyRunbook("bench-payments.yaml", runbooks, services.base());

        List<Double> versions = new ArrayList<>();
        List<Double> lints = new ArrayList<>();
        PackagedBot.runbookctl(dir, Map.of(), "lint", PackagedBot.ROOT.resolve("runbooks") + "/"); // training
        for (int i = 0; i < STARTS; i++) {
            versions.add(
                    seconds(PackagedBot.runbookctl(dir, Map.of(), "--version").wall()));
            PackagedBot.Run lint =
                    PackagedBot.runbookctl(dir, Map.of(), "lint", PackagedBot.ROOT.resolve("runbooks") + "/");
            assertEquals(0, lint.exitCode(), lint.output());
            lints.add(seconds(lint.wall()));
        }

        List<Double> ready = new ArrayList<>();
        double idleRss;
        try (FakeSlack slack = FakeSlack.start()) {
            Path training = Files.createDirectories(dir.resolve("training"));
            try (PackagedBot bot = PackagedBot.start(slack, runbooks, training, Map.of())) {
                bot.awaitReady(); // writes the class-data archive when it stops
            }
            for (int i = 0; i < STARTS - 1; i++) {
                Path run = Files.createDirectories(dir.resolve("start-" + i));
                try (PackagedBot bot = PackagedBot.start(slack, runbooks, run, Map.of())) {
                    ready.add(seconds(bot.awaitReady()));
                }
            }
            Path last = Files.createDirectories(dir.resolve("last"));
            try (PackagedBot bot = PackagedBot.start(slack, runbooks, last, Map.of())) {
                ready.add(seconds(bot.awaitReady()));
                idleRss = bot.rssMb();
            }
            {
                double version = median(versions);
                double start = median(ready);
                System.out.printf(
                        "[startup] launch -> ready (Socket Mode connected, web listening): median %.2f s, min %.2f s"
                                + " over %d starts; goal <= 1.5 s: %.2fx of goal%n",
                        start, min(ready), ready.size(), start / 1.5);
                System.out.printf(
                        "[startup] runbookctl --version: median %.2f s; ready / --version = %.2f (goal <= 3.0)%n",
                        version, start / version);
                System.out.printf(
                        "[lint] runbookctl lint runbooks/: median %.2f s, min %.2f s; goal <= 0.8 s: %.2fx of goal;"
                                + " %.2fx --version%n",
                        median(lints), min(lints), median(lints) / 0.8, median(lints) / version);
                System.out.printf(
                        "[footprint] RSS when ready: %.0f MB (goal <= 150 MB: %.2fx of goal)%n",
                        idleRss, idleRss / 150);
            }
            // The incidents phase: the same runbooks plus one per team channel, so that 1,000 incidents are paced by
            // Slack's one message a second in each of TEAMS channels rather than in one.
            Path teamRunbooks = Files.createDirectories(dir.resolve("team-runbooks"));
            try (var files = Files.list(runbooks)) {
                for (Path file : files.toList()) {
                    Files.copy(file, teamRunbooks.resolve(file.getFileName()));
                }
            }
            PackagedBot.copyPaymentsPerChannel(slack, teamRunbooks, services.base(), TEAMS);
            Path loaded = Files.createDirectories(dir.resolve("incidents"));
            try (PackagedBot bot = PackagedBot.start(slack, teamRunbooks, loaded, Map.of())) {
                bot.awaitReady();
                System.out.printf(
                        "[footprint] RSS when ready with %d more runbooks (one per team channel): %.0f MB%n",
                        TEAMS, bot.rssMb());
                incidents(bot, slack);
            }
        } finally {
            services.close();
        }
    }

    /**
     * Sends {@link #INCIDENTS} alerts through the webhook (4 senders), then reads the bot's memory once it holds them
     * all open, or after {@link #INCIDENT_WAIT} with as many as it opened by then (printed).
     */
    private static void incidents(PackagedBot bot, FakeSlack slack) throws Exception {
        int parentsBefore = (int) slack.calls("chat.postMessage").stream()
                .filter(c -> c.status() == 200 && c.param("thread_ts") == null)
                .count();
        ExecutorService senders = Executors.newFixedThreadPool(4);
        try {
            Instant startsAt = Instant.now().minusSeconds(60);
            List<Future<Integer>> sent = new ArrayList<>();
            for (int i = 0; i < INCIDENTS; i++) {
                String body = AlertmanagerPayloads.firing(
                        AlertmanagerPayloads.labels("BenchPaymentsSlow" + (i % TEAMS), "instance", "pay-" + i),
                        Map.of("summary", "p99 latency high on pay-" + i),
                        startsAt);
                sent.add(senders.submit(() -> bot.postAlertmanager(body)));
            }
            for (Future<Integer> status : sent) {
                assertEquals(200, status.get(), "acknowledged");
            }
        } finally {
            senders.shutdown();
        }
        // Slack takes about one message a second in a channel, and the bot opens an incident about as fast as its
        // parent can be posted (1,000 in one channel took some 18 minutes; in TEAMS channels, well under a minute):
        // the memory is read when they are all open or when the wait ends, whichever comes first, with the count.
        long deadline = System.nanoTime() + INCIDENT_WAIT.toNanos();
        double open = 0;
        while (System.nanoTime() < deadline && !(open >= INCIDENTS)) {
            try {
                open = bot.metric("runbook_incidents_open");
            } catch (java.io.IOException e) {
                open = 0;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(
                    Duration.ofSeconds(1).toNanos()); // a poll, not a wait for a result
        }
        long parents = slack.calls("chat.postMessage").stream()
                .filter(c -> c.status() == 200 && c.param("thread_ts") == null)
                .count();
        double rss = bot.rssMb();
        System.out.printf(
                "[footprint] RSS with %.0f of %d incidents open in %d channels (%d parents posted at Slack's pace;"
                        + " waited at most %d s):"
                        + " %.0f MB (goal <= 200 MB after 1,000: %.2fx of goal)%n",
                open, INCIDENTS, TEAMS, parents - parentsBefore, INCIDENT_WAIT.toSeconds(), rss, rss / 200);
    }

    static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }
}
