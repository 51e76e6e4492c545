package dev.runbookbot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runbookbot.slack.render.Button;
import dev.runbookbot.slack.render.MessageBuilder;
import dev.runbookbot.testing.slack.FakeUser;
import dev.runbookbot.testing.slack.Fault;
import dev.runbookbot.testing.slack.FaultRule;
import dev.runbookbot.testing.slack.Identity;
import dev.runbookbot.testing.slack.RecordedAck;
import dev.runbookbot.testing.slack.RecordedCall;
import dev.runbookbot.testing.slack.ResponseUrlPost;
import dev.runbookbot.testing.slack.SentEnvelope;
import dev.runbookbot.testing.slack.SocketConnection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real Bolt app over a real WebSocket against the fake Slack on 127.0.0.1. */
class SlackConnectionIT {
    private BotOnFakeSlack bot;

    @BeforeEach
    void connect() throws InterruptedException {
        bot = BotOnFakeSlack.connected();
    }

    @AfterEach
    void close() {
        bot.close();
    }

    @Test
    void startUpMakesTheDocumentedCallsWithTheRightTokens() {
        List<RecordedCall> calls = bot.slack.calls();
        assertEquals(
                List.of("auth.test bot", "auth.test bot", "apps.connections.open app", "apps.connections.open app"),
                calls.stream().map(c -> c.method() + " " + c.tokenKind()).toList(),
                bot.slack.log());
        assertTrue(calls.stream().allMatch(RecordedCall::ok), bot.slack.log());
        assertEquals(1, bot.slack.connections().size());
    }

    @Test
    void noPayloadWaitsForAWebApiCallBeforeItsAck() {
        SentEnvelope sent = bot.slack.sendSlashCommand("/runbook", "help", "U111", "C111");
        bot.slack.awaitAck(sent.envelopeId());

        assertEquals(2, bot.slack.calls("auth.test").size(), "Bolt does not repeat auth.test on the first payload");
    }

    @Test
    void aSlashCommandIsAcknowledgedWhileItsWorkIsStillRunning() throws InterruptedException {
        bot.handlers.closeGate();
        SentEnvelope sent = bot.slack.sendSlashCommand("/runbook", "run payments-slow env=prod", "U111", "C111");

        RecordedAck ack = bot.slack.awaitAck(sent.envelopeId());

        assertFalse(ack.hasPayload(), "a plain ack carries no text");
        assertTrue(bot.handlers.commandsFinished.isEmpty(), "the handler is still held at its gate");
        bot.handlers.openGate();
        SlashCommand command = RecordingHandlers.next(bot.handlers.commandsFinished);
        assertEquals(
                new SlashCommand(
                        "T111",
                        "C111",
                        "U111",
                        "/runbook",
                        "run payments-slow env=prod",
                        sent.json().path("payload").path("response_url").asText(),
                        sent.json().path("payload").path("trigger_id").asText()),
                command);
    }

    @Test
    void aClickOnAKnownButtonReachesItsHandlerWithTheMessageItCameFrom() throws InterruptedException {
        MessageRef posted = postWithButton(RecordingHandlers.APPROVE, "run-42");

        SentEnvelope click = bot.slack.clickButton(posted.ts(), RecordingHandlers.APPROVE, "U222");

        bot.slack.awaitAck(click.envelopeId());
        ButtonClick received = RecordingHandlers.next(bot.handlers.clicks);
        assertEquals(RecordingHandlers.APPROVE, received.actionId());
        assertEquals("run-42", received.value());
        assertEquals("U222", received.userId());
        assertEquals("T111", received.teamId());
        assertEquals("C111", received.channelId());
        assertEquals(posted.ts(), received.messageTs());
    }

    @Test
    void aClickOnAButtonNobodyHandlesIsAcknowledgedAndAnsweredAsNoLongerValid() {
        MessageRef posted = postWithButton("runbook.approve-v0", "run-7");

        SentEnvelope click = bot.slack.clickButton(posted.ts(), "runbook.approve-v0", "U111");

        bot.slack.awaitAck(click.envelopeId());
        ResponseUrlPost answer = bot.slack.awaitResponseUrlPost(click.envelopeId());
        assertEquals(StaleButtonResponder.NO_LONGER_VALID, answer.text());
        assertEquals("ephemeral", answer.responseType());
        assertFalse(answer.body().path("replace_original").asBoolean(true));
        assertTrue(bot.handlers.clicks.isEmpty());
    }

    @Test
    void payloadsForAnotherTeamOrAppAreAcknowledgedButNeverDispatched() throws InterruptedException {
        MessageRef posted = postWithButton(RecordingHandlers.APPROVE, "run-9");
        bot.slack.addUser(FakeUser.human("U999", "T999", "mallory"));
        Identity otherTeam = bot.slack.home().withTeam("T999", "other-org");
        Identity otherApp = bot.slack.home().withApiAppId("A999");

        List<SentEnvelope> foreign = List.of(
                bot.slack.sendSlashCommand("/runbook", "run payments-slow", "U111", "C111", otherTeam),
                bot.slack.sendSlashCommand("/runbook", "run payments-slow", "U111", "C111", otherApp),
                bot.slack.clickButton(posted.ts(), RecordingHandlers.APPROVE, "U111", otherApp),
                bot.slack.clickButton(posted.ts(), RecordingHandlers.APPROVE, "U999"),
                bot.slack.openAppHome("U111", otherTeam));
        for (SentEnvelope envelope : foreign) {
            bot.slack.awaitAck(envelope.envelopeId());
        }

        assertEquals(0, bot.work.submitted(), "no foreign payload was handed to the handlers");
        SentEnvelope own = bot.slack.sendSlashCommand("/runbook", "help", "U111", "C111");
        bot.slack.awaitAck(own.envelopeId());
        assertEquals(
                "help", RecordingHandlers.next(bot.handlers.commandsFinished).text());
        assertTrue(bot.handlers.clicks.isEmpty());
        assertTrue(bot.handlers.homes.isEmpty());
    }

    @Test
    void aResponseUrlTakesFiveAnswersAsSlacksDoes() throws InterruptedException {
        SentEnvelope sent = bot.slack.sendSlashCommand("/runbook", "help", "U111", "C111");
        SlashCommand command = RecordingHandlers.next(bot.handlers.commandsFinished);

        for (int i = 1; i <= 5; i++) {
            SlackResult<Void> answer = bot.webApi.respondEphemeral(command.responseUrl(), "answer " + i);
            assertTrue(answer.isOk(), answer.describe());
        }
        SlackResult<Void> sixth = bot.webApi.respondEphemeral(command.responseUrl(), "answer 6");

        assertEquals("HTTP 404", ((SlackResult.Failed<Void>) sixth).detail());
        List<ResponseUrlPost> posts = bot.slack.responseUrlPosts();
        assertEquals(
                List.of(1, 2, 3, 4, 5), posts.stream().map(ResponseUrlPost::use).toList());
        assertTrue(posts.stream().allMatch(p -> p.envelopeId().equals(sent.envelopeId())));
    }

    @Test
    void openingTheHomeTabReachesTheHomeHandler() throws InterruptedException {
        SentEnvelope opened = bot.slack.openAppHome("U222");

        bot.slack.awaitAck(opened.envelopeId());
        assertEquals(new AppHomeOpened("U222", "T111"), RecordingHandlers.next(bot.handlers.homes));
    }

    @Test
    void anEventDeliveredAgainWithTheSameEventIdIsAcknowledgedAndHandledOnce() throws InterruptedException {
        SentEnvelope opened = bot.slack.openAppHome("U222");
        bot.slack.awaitAck(opened.envelopeId());
        assertEquals(new AppHomeOpened("U222", "T111"), RecordingHandlers.next(bot.handlers.homes));

        SentEnvelope retry = bot.slack.redeliver(opened, 1, "timeout");
        SentEnvelope retryAgain = bot.slack.redeliver(opened, 2, "timeout");
        bot.slack.awaitAck(retry.envelopeId());
        bot.slack.awaitAck(retryAgain.envelopeId());
        SentEnvelope other = bot.slack.openAppHome("U111");

        bot.slack.awaitAck(other.envelopeId());
        assertEquals(
                new AppHomeOpened("U111", "T111"),
                RecordingHandlers.next(bot.handlers.homes),
                "the repeats of U222's event are not handled again");
        assertEquals(2, bot.work.submitted(), "one task per distinct event, none for its repeats");
    }

    @Test
    void aRefreshRequestedDisconnectMidRunMovesToANewSocketWithoutLosingWork() throws InterruptedException {
        bot.handlers.closeGate();
        SentEnvelope before = bot.slack.sendSlashCommand("/runbook", "run payments-slow", "U111", "C111");
        bot.slack.awaitAck(before.envelopeId());

        bot.slack.disconnect("refresh_requested");

        SocketConnection second = bot.slack.awaitConnectionCount(2);
        SocketConnection first = bot.slack.awaitClosed(1);
        assertTrue(first.closedByClient(), "the bot closes the old socket after opening the new one");
        assertEquals(3, bot.slack.calls("apps.connections.open").size());
        SentEnvelope after = bot.slack.sendSlashCommand("/runbook", "status", "U111", "C111");
        RecordedAck ack = bot.slack.awaitAck(after.envelopeId());
        assertEquals(second.id(), ack.connectionId());
        bot.handlers.openGate();
        Set<String> finished = Set.of(
                RecordingHandlers.next(bot.handlers.commandsFinished).text(),
                RecordingHandlers.next(bot.handlers.commandsFinished).text());
        assertEquals(Set.of("run payments-slow", "status"), finished, "both finish, in either order");
    }

    @Test
    void reconnectsDuring429sWaitForRetryAfterAndBackOff() {
        bot.slack.inject(
                FaultRule.on("apps.connections.open", Fault.rateLimited(12)).times(2));

        bot.slack.dropConnection();

        SocketConnection second = bot.slack.awaitConnectionCount(2, Duration.ofSeconds(60));
        List<RecordedCall> opens = bot.slack.calls("apps.connections.open");
        assertEquals(
                List.of(429, 429),
                opens.subList(2, 4).stream().map(RecordedCall::status).toList(),
                "two rate-limited attempts after the start-up pair\n" + bot.slack.log());
        assertEquals(
                List.of(),
                bot.slack.callsInsideRetryAfterWindows(),
                "no attempt came before Slack's Retry-After had passed");
        SentEnvelope after = bot.slack.sendSlashCommand("/runbook", "help", "U111", "C111");
        assertEquals(second.id(), bot.slack.awaitAck(after.envelopeId()).connectionId());
    }

    @Test
    void anAbruptlyDroppedSocketIsReopenedByTheSessionMonitor() {
        bot.slack.dropConnection();

        // Bolt notices a drop only on its 5 s session check; allow for that and a failed first try.
        SocketConnection second = bot.slack.awaitConnectionCount(2, Duration.ofSeconds(20));
        SentEnvelope after = bot.slack.sendSlashCommand("/runbook", "help", "U111", "C111");
        assertEquals(second.id(), bot.slack.awaitAck(after.envelopeId()).connectionId());
    }

    @Test
    void startedIsNotConnectedWhileSlackRefusesTheSocket() throws InterruptedException {
        bot.connection.stop();
        bot.slack.refuseConnections(true);
        try (BotOnFakeSlack second = new BotOnFakeSlack(bot.slack)) {
            second.connection.start();

            assertFalse(second.connection.awaitConnected(Duration.ofMillis(500)), "the handshake is refused");
            bot.slack.refuseConnections(false);
            // the SDK's session monitor retries every 5 s
            assertTrue(second.connection.awaitConnected(Duration.ofSeconds(20)), bot.slack.log());
            SentEnvelope sent = second.slack.sendSlashCommand("/runbook", "help", "U111", "C111");
            second.slack.awaitAck(sent.envelopeId());
        }
    }

    @Test
    void theFixtureSlashCommandEnvelopeIsAcknowledgedAndDispatched() throws IOException, InterruptedException {
        ObjectNode fixture =
                (ObjectNode) bot.slack.json().readTree(fixture("java-slack-sdk.slash_commands.envelope.json"));
        ((ObjectNode) fixture.get("payload")).put("command", "/runbook").put("text", "list");

        SentEnvelope sent = bot.slack.send(fixture);

        bot.slack.awaitAck(sent.envelopeId());
        SlashCommand command = RecordingHandlers.next(bot.handlers.commandsFinished);
        assertEquals("list", command.text());
        assertEquals("https://hooks.slack.com/commands/T111/111/xxx", command.responseUrl());
    }

    @Test
    void fixtureEnvelopesForCommandsAndEventsNobodyHandlesAreStillAcknowledged() throws IOException {
        for (String name : List.of(
                "java-slack-sdk.slash_commands.envelope.json",
                "python-slack-sdk.slash_commands.hello-socket-mode.envelope.json",
                "java-slack-sdk.events_api.app_mention.retry_attempt_2.envelope.json")) {
            SentEnvelope sent = bot.slack.sendRaw(fixture(name));
            assertNull(
                    bot.slack.awaitAck(sent.envelopeId()).message().get("payload"),
                    name + " is acknowledged without a payload");
        }
        assertEquals(0, bot.work.submitted());
    }

    @Test
    void aFullWorkQueueIsAcknowledgedWithABusyTextTheUserSees() throws InterruptedException {
        bot.connection.stop();
        bot.slack.awaitClosed(1);
        Executor full = task -> {
            throw new RejectedExecutionException("queue full");
        };
        try (SlackConnection busy = new SlackConnection(
                bot.settings, bot.transport, bot.webApi, bot.handlers.handlers(), full, bot.reconnects)) {
            busy.start();
            assertTrue(busy.awaitConnected(Duration.ofSeconds(10)));

            SentEnvelope sent = bot.slack.sendSlashCommand("/runbook", "run payments-slow", "U111", "C111");

            RecordedAck ack = bot.slack.awaitAck(sent.envelopeId());
            assertEquals(
                    AckFirstDispatch.BUSY_TEXT,
                    ack.message().at("/payload/text").asText());
            assertTrue(bot.handlers.commandsStarted.isEmpty());
        }
    }

    @Test
    void anEnvelopeTypeBoltDoesNotKnowIsNeverAcknowledged() {
        ObjectNode unknown = bot.slack
                .json()
                .createObjectNode()
                .put("envelope_id", "e-unknown")
                .put("type", "workflow_step");
        unknown.putObject("payload").put("team_id", "T111").put("api_app_id", "A111");

        SentEnvelope sent = bot.slack.send(unknown);

        bot.slack.assertNoAck(sent.envelopeId(), Duration.ofMillis(300));
        SentEnvelope next = bot.slack.sendSlashCommand("/runbook", "help", "U111", "C111");
        bot.slack.awaitAck(next.envelopeId());
        bot.slack.assertNoAck(sent.envelopeId(), Duration.ZERO);
    }

    @Test
    void stopClosesTheSocket() throws InterruptedException {
        bot.connection.stop();

        SocketConnection closed = bot.slack.awaitClosed(1);
        assertTrue(closed.closedByClient());
        assertFalse(bot.connection.isConnected());
    }

    private MessageRef postWithButton(String actionId, String value) {
        SlackResult<MessageRef> result = bot.webApi.postMessage(
                "C111",
                null,
                MessageBuilder.message("runbookctl timeline INC-1")
                        .textSection("restart payments-api?")
                        .actions(
                                "step-1",
                                List.of(Button.of(actionId, "Approve", value).primary()))
                        .build("restart payments-api?"));
        assertTrue(result.isOk(), result.describe());
        return ((SlackResult.Ok<MessageRef>) result).value();
    }

    private static String fixture(String name) throws IOException {
        try (var in = SlackConnectionIT.class.getResourceAsStream("/fixtures/slack-socket-mode/" + name)) {
            if (in == null) {
                throw new IOException("missing test fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
