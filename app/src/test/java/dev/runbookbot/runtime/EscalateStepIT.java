package dev.runbookbot.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.audit.IncidentId;
import dev.runbookbot.audit.RunId;
import dev.runbookbot.remediate.RunState;
import dev.runbookbot.testing.Poll;
import dev.runbookbot.testing.slack.PostedMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An {@code escalate} step through the whole bot, seen from Slack: without {@code requiresApproval} the bot pages by
 * itself when the plan chooses it (its message ends done, with no button, and the timeline says who started it), while
 * one with {@code requiresApproval} waits with Approve and Reject. Before, the first showed "Ready" with no button and
 * never ran.
 */
class EscalateStepIT {
    private static final IncidentId INC_1 = new IncidentId(1);
    private static final Pattern BASE = Pattern.compile("url: \"(http://127\\.0\\.0\\.1:[0-9]+)/checkout/health\"");

    @TempDir
    Path dir;

    private BotUnderTest t;

    @BeforeEach
    void start() throws Exception {
        t = new BotUnderTest(dir, true, Map.of(), EscalateStepIT::addEscalatingRunbook);
    }

    @AfterEach
    void stop() {
        if (t != null) {
            t.close();
        }
    }

    /** {@code guards-runbooks/pool-escalating.yaml}, aimed at the same web server as the others. */
    private static void addEscalatingRunbook(Path runbooks) {
        try (InputStream in = EscalateStepIT.class.getResourceAsStream("/guards-runbooks/pool-escalating.yaml")) {
            Matcher base = BASE.matcher(Files.readString(runbooks.resolve("team-notice.yaml")));
            assertTrue(base.find(), "team-notice.yaml names the test's web server");
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Files.writeString(runbooks.resolve("pool-escalating.yaml"), text.replace("@BASE@", base.group(1)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void anEscalationWithoutRequiresApprovalPagesByItselfAndOneWithItWaits() {
        t.statuses.put("/pool/health", 503);
        t.command("run pool-escalating", "U111");
        PostedMessage parent = t.awaitParent(1);

        Poll.until("the on-call paged without a click", BotUnderTest.WAIT, () -> t.bot.records()
                .run(new RunId(1))
                .filter(r -> r.state() == RunState.SUCCEEDED));
        t.awaitTimeline(INC_1, "started page_oncall (run-1)");
        PostedMessage reply = t.awaitInThread(
                parent,
                m -> m.allText().contains("Page the On-call") && m.allText().contains("*Done* at"),
                "page_oncall shown done");
        assertFalse(reply.allText().contains("*Ready:*"), reply.allText());
        t.awaitInThread(parent, m -> m.buttonActionIds().contains("approve"), "page_director with its Approve");
        assertEquals(
                RunState.PROPOSED,
                t.bot.records().run(new RunId(2)).orElseThrow().state(),
                "requiresApproval waits for a person");
    }
}
