package dev.runbookbot.remediate.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.remediate.ActionOutcome;
import dev.runbookbot.remediate.ActionRequest;
import dev.runbookbot.runbook.ActionSpec;
import dev.runbookbot.runbook.ActionType;
import dev.runbookbot.runbook.ConfigProblem;
import dev.runbookbot.runbook.StepConfig;
import dev.runbookbot.testing.RecordingChatGateway;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotifyActionExecutorTest {
    private final RecordingChatGateway chat = new RecordingChatGateway();
    private final NotifyActionExecutor notify = new NotifyActionExecutor(chat);

    @Test
    void postsTheRenderedTextToTheLiteralChannel() throws Exception {
        ActionRequest request = request(
                Map.of("channel", "#databases", "text", "idle sessions on {{ labels.instance }}"),
                Map.of("instance", "db-1 <!channel>"));

        assertEquals("post to #databases", notify.preview(request).target());
        ActionOutcome outcome = notify.execute(request);

        assertEquals(new ActionOutcome.Completed("posted to #databases"), outcome);
        assertEquals(List.of("post #databases idle sessions on db-1 <!channel>"), chat.calls());
    }

    @Test
    void aChannelTheBotIsNotInIsAFailureWithTheHint() {
        RecordingChatGateway refusing = new RecordingChatGateway() {
            @Override
            public dev.runbookbot.audit.ChatPost post(String channel, String text) {
                return new dev.runbookbot.audit.ChatPost.NotInChannel(channel, "invite the bot with /invite");
            }
        };

        ActionOutcome outcome =
                new NotifyActionExecutor(refusing).execute(request(Map.of("channel", "#x", "text", "hello"), Map.of()));

        assertEquals(
                "could not post to #x: invite the bot with /invite",
                assertInstanceOf(ActionOutcome.Failed.class, outcome).reason());
    }

    @Test
    void validationNamesEveryProblem() {
        List<ConfigProblem> problems = notify.validate(
                new StepConfig(Map.of("channel", "{{ labels.channel }}", "txt", "x"), "remediations[0].action.config"));

        assertEquals(
                List.of(
                        "remediations[0].action.config.txt: unknown key 'txt' for notify; known keys: channel, text",
                        "remediations[0].action.config.channel: channel is written literally; alert data must never"
                                + " choose where a message goes",
                        "remediations[0].action.config.text: notify needs 'text', the message to post"),
                problems.stream().map(p -> p.path() + ": " + p.message()).toList());
    }

    private static ActionRequest request(Map<String, Object> config, Map<String, String> labels) {
        return new ActionRequest(
                "notify_owners",
                new ActionSpec(ActionType.NOTIFY, new StepConfig(config, "remediations[0].action.config")),
                new TemplateContext(Map.of(), labels, Map.of()),
                "prod",
                Duration.ofSeconds(5),
                "inc-1/notify_owners/1");
    }
}
