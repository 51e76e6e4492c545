package dev.runbookbot.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.config.Settings;
import dev.runbookbot.testing.Poll;
import dev.runbookbot.testing.slack.FakeSlack;
import dev.runbookbot.testing.slack.FakeUser;
import dev.runbookbot.testing.slack.Identity;
import dev.runbookbot.testing.slack.SentEnvelope;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's bot command, {@code SLACK_BOT_TOKEN=... SLACK_APP_TOKEN=... runbookctl bot}: with no team or app id
 * set, the bot learns both from Slack, connects, and answers a command of its workspace, while a payload addressed to
 * another app is still refused.
 */
class TwoTokensIT {
    private static final Identity ACME = new Identity("T0ACME0001", "acme", null, "A0ACME0001");

    @TempDir
    Path dir;

    @Test
    void theBotConnectsWithOnlyTheTwoTokensAndChecksPayloadsAgainstWhatSlackSaid() throws Exception {
        try (FakeSlack slack = FakeSlack.start(ACME)) {
            slack.addUser(FakeUser.human("U0ACME0100", ACME.teamId(), "erin"));
            Path runbooks = BotUnderTest.writeRunbooks(dir.resolve("runbooks"), "http://127.0.0.1:9");
            Map<String, String> env = new HashMap<>(BotUnderTest.env(slack, runbooks, dir.resolve("bot.db")));
            env.remove("SLACK_TEAM_ID");
            env.remove("SLACK_APP_ID");
            env.remove("RUNBOOK_APPROVERS");

            try (BotRuntime bot = BotRuntime.builder(Settings.load(Optional.empty(), env))
                    .environment(env)
                    .build()) {
                bot.start();
                assertTrue(bot.awaitReady(Duration.ofSeconds(15)), "connected to Slack");

                SentEnvelope foreign = slack.sendSlashCommand(
                        "/runbook", "help", "U0ACME0100", BotUnderTest.CHANNEL, ACME.withApiAppId("A0OTHER001"));
                SentEnvelope help = slack.sendSlashCommand("/runbook", "help", "U0ACME0100", BotUnderTest.CHANNEL);

                String answer =
                        Poll.until("the answer to help", Duration.ofSeconds(15), () -> slack.responseUrlPosts().stream()
                                .filter(p -> p.envelopeId().equals(help.envelopeId()))
                                .map(p -> p.text())
                                .findFirst()
                                .or(() -> slack.ephemerals().stream()
                                        .map(e -> e.text())
                                        .findFirst()));
                assertTrue(answer.startsWith("*runbook-bot* commands:"), answer);
                slack.awaitAck(foreign.envelopeId());
                assertEquals(
                        1,
                        slack.responseUrlPosts().size() + slack.ephemerals().size(),
                        "a payload for another app is acknowledged and ignored");
            }
            assertEquals(1, slack.calls("bots.info").size(), "the app id was asked once");
        }
    }
}
