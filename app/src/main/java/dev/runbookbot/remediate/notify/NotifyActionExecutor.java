package dev.runbookbot.remediate.notify;

import dev.runbookbot.audit.ChatPost;
import dev.runbookbot.expr.Template;
import dev.runbookbot.expr.TemplateException;
import dev.runbookbot.expr.TemplateSink;
import dev.runbookbot.remediate.ActionException;
import dev.runbookbot.remediate.ActionExecutor;
import dev.runbookbot.remediate.ActionOutcome;
import dev.runbookbot.remediate.ActionPreview;
import dev.runbookbot.remediate.ActionRequest;
import dev.runbookbot.remediate.ChannelMessages;
import dev.runbookbot.runbook.ActionType;
import dev.runbookbot.runbook.ConfigProblem;
import dev.runbookbot.runbook.StepConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Posts a message to a chat channel: {@code config: {channel: "#databases", text: "... {{ params.x }} ..."}}.
 * Thread-safe.
 */
public final class NotifyActionExecutor implements ActionExecutor {
    private static final Set<String> KEYS = Set.of("channel", "text");

    private final ChannelMessages chat;

    public NotifyActionExecutor(ChannelMessages chat) {
        this.chat = chat;
    }

    @Override
    public ActionType type() {
        return ActionType.NOTIFY;
    }

    @Override
    public Set<String> configKeys() {
        return KEYS;
    }

    @Override
    public List<ConfigProblem> validate(StepConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        for (String key : config.values().keySet()) {
            if (!KEYS.contains(key)) {
                problems.add(new ConfigProblem(
                        config.pathOf(key), "unknown key '" + key + "' for notify; known keys: channel, text"));
            }
        }
        String channel = config.string("channel").orElse("");
        if (channel.isBlank()) {
            problems.add(new ConfigProblem(
                    config.pathOf("channel"), "notify needs 'channel', the channel to post in", "channel: \"#ops\""));
        } else if (Template.isTemplated(channel)) {
            problems.add(new ConfigProblem(
                    config.pathOf("channel"),
                    "channel is written literally; alert data must never choose where a" + " message goes"));
        }
        String text = config.string("text").orElse("");
        if (text.isBlank()) {
            problems.add(new ConfigProblem(config.pathOf("text"), "notify needs 'text', the message to post"));
        } else {
            try {
                Template.parse(text);
            } catch (TemplateException e) {
                problems.add(new ConfigProblem(config.pathOf("text"), e.getMessage()));
            }
        }
        return problems;
    }

    @Override
    public ActionPreview preview(ActionRequest request) throws ActionException {
        Message message = render(request);
        return new ActionPreview("post to " + message.channel(), List.of(message.text()));
    }

    @Override
    public ActionOutcome execute(ActionRequest request) {
        Message message;
        try {
            message = render(request);
        } catch (ActionException e) {
            return new ActionOutcome.Failed(e.getMessage(), "");
        }
        ChatPost post = chat.post(message.channel(), message.text());
        if (post instanceof ChatPost.Posted) {
            return new ActionOutcome.Completed("posted to " + message.channel());
        }
        String why = post.why();
        return new ActionOutcome.Failed("could not post to " + message.channel() + ": " + why, "");
    }

    private static Message render(ActionRequest request) throws ActionException {
        StepConfig config = request.action().config();
        String channel = config.string("channel").orElseThrow(() -> new ActionException("notify needs 'channel'"));
        try {
            String text = Template.parse(config.string("text").orElse(""))
                    .render(request.context(), TemplateSink.TEXT)
                    .text();
            return new Message(channel, text);
        } catch (TemplateException e) {
            throw new ActionException("cannot render the message: " + e.getMessage(), e);
        }
    }

    private record Message(String channel, String text) {}
}
