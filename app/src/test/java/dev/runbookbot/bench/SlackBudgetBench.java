package dev.runbookbot.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runbookbot.runtime.BotUnderTest;
import dev.runbookbot.testing.Poll;
import dev.runbookbot.testing.slack.ChannelRateLimit;
import dev.runbookbot.testing.slack.Fault;
import dev.runbookbot.testing.slack.PostedMessage;
import dev.runbookbot.testing.slack.RecordedCall;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17's "Slack's budget", against the whole bot and a fake Slack that enforces Slack's per-channel limit on {@code
 * chat.postMessage} (a bucket of {@value #BURST}, one more per second, 429 with {@code Retry-After} when empty):
 *
 * <ul>
 *   <li>{@value #INCIDENTS} incidents opened at once in one channel: the time until every parent is posted (goal
 *       11 s), until every Approve button is shown (goal 21 s), the 429s the bot drew (goal 0) and the posts per
 *       incident before anyone clicks (goal at most 2);
 *   <li>a {@value #STORM_SECONDS} s storm of {@code 429 Retry-After: 2} on {@code chat.postMessage} and {@code
 *       chat.update} while incidents open: requests sent per request that landed, and the share of incidents whose
 *       final state (the parent's "awaiting approval", the reply's Approve button) was delivered (goal 100%).
 * </ul>
 *
 * Prints each figure beside its goal and never fails on a timing. Run with {@code mvn -B -Pbench verify
 * -Dit.test=SlackBudgetBench}.
 */
class SlackBudgetBench {
    static final int INCIDENTS = 10;
    static final int BURST = 3;
    static final int STORM_SECONDS = 30;
    static final int STORM_INCIDENTS = 5;
    private static final String CHANNEL = "C111";
    private static final Duration PATIENCE = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    @Test
    void tenIncidentsAtOnceInOneChannel() throws Exception {
        try (BotUnderTest t = new BotUnderTest(dir)) {
            t.slack.limit(ChannelRateLimit.postMessage(BURST));
            long start = System.nanoTime();
            for (int i = 0; i < INCIDENTS; i++) {
                t.command("run payments-slow", "U111");
            }
            List<PostedMessage> parents = awaitParents(t, INCIDENTS);
            awaitButtons(t, parents);

            List<RecordedCall> posts = t.slack.calls("chat.postMessage");
            Map<String, Double> parentAt = new HashMap<>();
            Map<String, Double> buttonsAt = new HashMap<>();
            Map<String, String> parentOfReply = new HashMap<>();
            for (RecordedCall call : t.slack.calls()) {
                if (call.status() != 200 || !call.ok()) {
                    continue;
                }
                double seconds = (call.receivedNanos() - start) / 1e9;
                String threadTs = call.param("thread_ts");
                String ts = call.response().path("ts").asText("");
                if (call.method().equals("chat.postMessage") && threadTs == null) {
                    parentAt.putIfAbsent(ts, seconds);
                } else if (call.method().equals("chat.postMessage")) {
                    parentOfReply.putIfAbsent(ts, threadTs);
                }
                if (hasApprove(call)) {
                    String replyTs = call.method().equals("chat.update") ? call.param("ts") : ts;
                    String parent = call.method().equals("chat.update") ? parentOfReply.get(replyTs) : threadTs;
                    if (parent != null) {
                        buttonsAt.putIfAbsent(parent, seconds);
                    }
                }
            }
            long refused =
                    t.slack.calls().stream().filter(c -> c.status() == 429).count();
            long threadPosts = posts.stream()
                    .filter(c -> c.status() == 200 && c.param("thread_ts") != null)
                    .count();
            System.out.printf(
                    Locale.ROOT,
                    "%n[bench] Slack budget, %d incidents at once in one channel (postMessage: burst %d, 1/s)%n",
                    INCIDENTS,
                    BURST);
            System.out.printf(
                    Locale.ROOT,
                    "[bench]   every parent posted within     %6.2f s   (goal <= 11 s)%n",
                    max(parentAt.values()));
            System.out.printf(
                    Locale.ROOT,
                    "[bench]   every Approve button within    %6.2f s   (goal <= 21 s)%n",
                    max(buttonsAt.values()));
            System.out.printf(Locale.ROOT, "[bench]   429 answers drawn              %6d     (goal 0)%n", refused);
            System.out.printf(
                    Locale.ROOT,
                    "[bench]   posts per incident before clicks %4.1f     (goal <= 2)%n",
                    (parentAt.size() + threadPosts) / (double) INCIDENTS);
            System.out.printf(
                    Locale.ROOT,
                    "[bench]   chat.update calls              %6d%n",
                    t.slack.calls("chat.update").size());
            assertEquals(INCIDENTS, parentAt.size(), "every incident has one parent");
        }
    }

    @Test
    void aThirtySecond429Storm() throws Exception {
        try (BotUnderTest t = new BotUnderTest(dir)) {
            Duration storm = Duration.ofSeconds(STORM_SECONDS);
            t.slack.injectFor("chat.postMessage", storm, Fault.rateLimited(2));
            t.slack.injectFor("chat.update", storm, Fault.rateLimited(2));
            long start = System.nanoTime();
            for (int i = 0; i < STORM_INCIDENTS; i++) {
                t.command("run payments-slow", "U111");
            }
            List<PostedMessage> parents = awaitParents(t, STORM_INCIDENTS);
            awaitButtons(t, parents);
            int finals = 0;
            for (PostedMessage parent : parents) {
                try {
                    Poll.until("the final parent of " + parent.ts(), PATIENCE, () -> t.slack
                            .message(parent.ts())
                            .filter(m -> m.allText().contains("*awaiting approval*")));
                    finals++;
                } catch (AssertionError e) {
                    System.out.println("[bench]   not delivered: " + e.getMessage());
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            List<RecordedCall> calls = new ArrayList<>(t.slack.calls("chat.postMessage"));
            calls.addAll(t.slack.calls("chat.update"));
            long landed = calls.stream().filter(c -> c.status() == 200).count();
            System.out.printf(
                    Locale.ROOT,
                    "%n[bench] Slack 429 storm: %d s of 429 Retry-After: 2 on postMessage and update, %d incidents%n",
                    STORM_SECONDS,
                    STORM_INCIDENTS);
            System.out.printf(
                    Locale.ROOT,
                    "[bench]   requests sent / landed         %6d / %d = %.2f%n",
                    calls.size(),
                    landed,
                    calls.size() / (double) Math.max(1, landed));
            System.out.printf(
                    Locale.ROOT,
                    "[bench]   finals delivered               %5.0f %%   (goal 100%%)%n",
                    100.0 * finals / STORM_INCIDENTS);
            System.out.printf(
                    Locale.ROOT,
                    "[bench]   inside Retry-After windows     %6d     (goal 0)%n",
                    t.slack.callsInsideRetryAfterWindows().size());
            System.out.printf(Locale.ROOT, "[bench]   all delivered after            %6.2f s%n", seconds);
        }
    }

    private static List<PostedMessage> awaitParents(BotUnderTest t, int n) {
        return Poll.until(n + " parents", PATIENCE, () -> {
            List<PostedMessage> parents = t.slack.messages(CHANNEL).stream()
                    .filter(m -> m.byBot() && m.threadTs() == null)
                    .toList();
            return parents.size() >= n ? Optional.of(parents) : Optional.empty();
        });
    }

    private static void awaitButtons(BotUnderTest t, List<PostedMessage> parents) {
        for (PostedMessage parent : parents) {
            Poll.until("the Approve button under " + parent.ts(), PATIENCE, () -> t.slack.messages(CHANNEL).stream()
                    .filter(m -> parent.ts().equals(m.threadTs())
                            && m.buttonActionIds().contains("approve"))
                    .findFirst());
        }
    }

    private static boolean hasApprove(RecordedCall call) {
        String blocks = call.param("blocks");
        return blocks != null && blocks.contains("\"action_id\":\"approve\"");
    }

    private static double max(Iterable<Double> values) {
        double max = Double.NaN;
        for (double v : values) {
            max = Double.isNaN(max) ? v : Math.max(max, v);
        }
        return max;
    }
}
