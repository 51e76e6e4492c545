package dev.runbookbot.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runbookbot.testing.AlertmanagerPayloads;
import dev.runbookbot.testing.slack.FakeSlack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A soak of the packaged bot: for {@code bench.soak.seconds} (default 600, the ten-minute soak) it takes a new alert
 * every {@value #NEW_ALERT_EVERY_SECONDS} s (a steady rate that Slack's one message a second per channel can carry, so
 * no backlog grows by design), resolves each alert {@value #RESOLVE_AFTER_SECONDS} s after it fired (so the number of open
 * incidents stays level, as in a real workspace, and what grows is a leak), two deliveries of the latest alert and one {@code /runbook help} per second. Every
 * {@code bench.soak.sampleSeconds} (5) it reads the bot's resident memory, threads and open files; every {@code
 * bench.soak.histogramSeconds} (60) its live heap by class ({@code jcmd GC.class_histogram}, after a full collection).
 * Prints the least-squares slope of each over the second half of the run (after warm-up), per minute, beside the goal
 * (RSS about 0: at most {@value #GOAL_MB_PER_MINUTE} MB/min), and the classes whose live bytes grew most over that half,
 * so that a leak names itself. With {@code -Dbench.soak.nmt=true} the bot runs with {@code
 * -XX:NativeMemoryTracking=summary} and the native memory diff over the second half is printed too. Asserts only that
 * every alert was acknowledged.
 */
class SoakBench {
    private static final int SECONDS = Integer.getInteger("bench.soak.seconds", 600);
    private static final int SAMPLE_SECONDS = Integer.getInteger("bench.soak.sampleSeconds", 5);
    private static final int HISTOGRAM_SECONDS = Integer.getInteger("bench.soak.histogramSeconds", 60);
    private static final boolean NATIVE_MEMORY = Boolean.getBoolean("bench.soak.nmt");
    /** One new incident per this many seconds: within what Slack lets one channel take (two posts and some edits). */
    private static final int NEW_ALERT_EVERY_SECONDS = 5;

    /** Each alert is resolved this long after it fired, so that about a dozen incidents are open at any time. */
    private static final int RESOLVE_AFTER_SECONDS = 60;

    private static final double GOAL_MB_PER_MINUTE = 0.5;

    @TempDir
    Path dir;

    @Test
    void residentMemoryStaysFlat() throws Exception {
        DownService services = DownService.start();
        Path runbooks = Files.createDirectories(dir.resolve("runbooks"));
        PackagedBot.copyRunbook("bench-payments.yaml", runbooks, services.base());
        String load = Files.readString(Path.of("/proc/loadavg")).trim();
        Trend rss = new Trend();
        Trend heap = new Trend();
        Trend threads = new Trend();
        Trend files = new Trend();
        JvmProbe.Histogram atHalf = null;
        JvmProbe.Histogram last = null;
        String nativeDiff = "";
        long opened = 0;
        long resolved = 0;
        long parents = 0;
        Map<String, String> env = NATIVE_MEMORY ? Map.of("JAVA_OPTS", "-XX:NativeMemoryTracking=summary") : Map.of();
        try (FakeSlack slack = FakeSlack.start()) {
            // An untimed first start records the class-data archive, so the soak measures the bot as it runs from the
            // second start on (a recording JVM keeps more), as StartupFootprintBench does.
            try (PackagedBot training =
                    PackagedBot.start(slack, runbooks, Files.createDirectories(dir.resolve("training")), Map.of())) {
                training.awaitReady();
            }
            try (PackagedBot bot = PackagedBot.start(slack, runbooks, dir, env)) {
                bot.awaitReady();
                JvmProbe probe = new JvmProbe(bot.java().pid());
                Instant startsAt = Instant.now().minusSeconds(60);
                long start = System.nanoTime();
                long tick = 0;
                String latest = "";
                while (tick < SECONDS) {
                    double minutes = (System.nanoTime() - start) / 60e9;
                    if (tick % NEW_ALERT_EVERY_SECONDS == 0) {
                        latest = AlertmanagerPayloads.firing(alert(tick), Map.of("summary", "soak"), startsAt);
                        opened++;
                    }
                    long firedAt = tick - RESOLVE_AFTER_SECONDS;
                    if (firedAt >= 0 && firedAt % NEW_ALERT_EVERY_SECONDS == 0) {
                        assertEquals(
                                200,
                                bot.postAlertmanager(AlertmanagerPayloads.resolved(
                                        alert(firedAt), Map.of("summary", "soak"), startsAt, Instant.now())));
                        resolved++;
                    }
                    assertEquals(200, bot.postAlertmanager(latest));
                    assertEquals(200, bot.postAlertmanager(latest)); // Alertmanager's repeat
                    slack.sendSlashCommand("/runbook", "help", "U111", "C111");
                    if (tick % SAMPLE_SECONDS == 0) {
                        rss.add(minutes, bot.rssMb());
                        threads.add(minutes, probe.threads());
                        files.add(minutes, probe.openFiles());
                    }
                    if (tick % HISTOGRAM_SECONDS == 0) {
                        last = probe.histogram();
                        heap.add(minutes, last.totalMb());
                        if (atHalf == null && tick >= SECONDS / 2) {
                            atHalf = last;
                            if (NATIVE_MEMORY) {
                                probe.nativeMemory("baseline");
                            }
                        }
                    }
                    tick++;
                    long wait = start + tick * 1_000_000_000L - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait); // pacing the load, not waiting for a result
                    }
                }
                double minutes = (System.nanoTime() - start) / 60e9;
                rss.add(minutes, bot.rssMb());
                last = probe.histogram();
                heap.add(minutes, last.totalMb());
                if (NATIVE_MEMORY) {
                    nativeDiff = probe.nativeMemory("summary.diff");
                }
                parents = slack.messages("C111").stream()
                        .filter(m -> m.byBot() && m.threadTs() == null)
                        .count();
            }
        } finally {
            services.close();
        }
        double half = SECONDS / 120.0;
        double rssSlope = rss.slopeFrom(half);
        System.out.printf(
                Locale.ROOT,
                "[soak] %d s (load average at start: %s): a new alert every %d s, resolved %d s later, 2 deliveries"
                        + " and 1 command a second; %d incidents opened, %d resolved, %d parents posted by the end"
                        + " (Slack's pace kept up: %s)%n",
                SECONDS,
                load,
                NEW_ALERT_EVERY_SECONDS,
                RESOLVE_AFTER_SECONDS,
                opened,
                resolved,
                parents,
                parents >= opened - 2 ? "yes" : "no");
        System.out.printf(
                Locale.ROOT,
                "[soak] RSS %s; slope over the second half %+.2f MB/min (goal about 0, <= %.1f MB/min: %s)%n",
                rss.summary("%.0f MB"),
                rssSlope,
                GOAL_MB_PER_MINUTE,
                rssSlope <= GOAL_MB_PER_MINUTE ? "met" : "missed");
        System.out.printf(
                Locale.ROOT,
                "[soak] live heap after a full GC %s; slope over the second half %+.2f MB/min%n",
                heap.summary("%.1f MB"),
                heap.slopeFrom(half));
        System.out.printf(
                Locale.ROOT,
                "[soak] threads %s, slope %+.2f/min; open files %s, slope %+.2f/min (second half)%n",
                threads.summary("%.0f"),
                threads.slopeFrom(half),
                files.summary("%.0f"),
                files.slopeFrom(half));
        if (atHalf != null && last != null) {
            System.out.println("[soak] live bytes that grew most over the second half:");
            last.largestGrowthSince(atHalf, 8).forEach(line -> System.out.println("[soak]   " + line));
        }
        if (!nativeDiff.isEmpty()) {
            System.out.println("[soak] native memory over the second half (committed):");
            nativeDiff
                    .lines()
                    .filter(line -> line.contains("committed=") && line.matches(".*committed=\\d+KB [+-].*"))
                    .forEach(line -> System.out.println("[soak]   " + line.trim()));
        }
    }

    private static Map<String, String> alert(long tick) {
        return AlertmanagerPayloads.labels("BenchPaymentsSlow", "instance", "soak-" + tick / NEW_ALERT_EVERY_SECONDS);
    }

    /** Points in time (minutes) and a value, with their least-squares slope. */
    private static final class Trend {
        private final List<double[]> points = new ArrayList<>();

        void add(double minutes, double value) {
            if (!Double.isNaN(value)) {
                points.add(new double[] {minutes, value});
            }
        }

        /** The least-squares slope per minute of the points at or after {@code minutes}; NaN with fewer than two. */
        double slopeFrom(double minutes) {
            double n = 0, sx = 0, sy = 0, sxy = 0, sxx = 0;
            for (double[] p : points) {
                if (p[0] >= minutes) {
                    n++;
                    sx += p[0];
                    sy += p[1];
                    sxy += p[0] * p[1];
                    sxx += p[0] * p[0];
                }
            }
            double denominator = n * sxx - sx * sx;
            return n < 2 || denominator == 0 ? Double.NaN : (n * sxy - sx * sy) / denominator;
        }

        String summary(String format) {
            if (points.isEmpty()) {
                return "not read";
            }
            double max = points.stream().mapToDouble(p -> p[1]).max().orElseThrow();
            return String.format(
                    Locale.ROOT,
                    "first " + format + ", at half " + format + ", last " + format + ", max " + format
                            + " (%d samples)",
                    points.get(0)[1],
                    points.get(points.size() / 2)[1],
                    points.get(points.size() - 1)[1],
                    max,
                    points.size());
        }
    }
}
