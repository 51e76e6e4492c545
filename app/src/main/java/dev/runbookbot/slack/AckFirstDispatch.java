package dev.runbookbot.slack;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.event.AppHomeOpenedEvent;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Bolt listeners of the bot. Each one turns the payload into a plain record, hands the handler call to the work
 * executor and returns the acknowledgement at once.
 *
 * <p>Bolt sends the Socket Mode ack only when the listener returns, its 10 message threads are shared by every
 * envelope, and Slack gives up after 3 seconds; so a listener here never does I/O and never waits. When the executor
 * refuses the work (its queue is full), a slash command is acknowledged with a "busy" text that Slack shows to the
 * user, and a click is acknowledged and logged. Handler exceptions are logged on the worker thread.
 */
final class AckFirstDispatch {
    private static final Logger LOG = LoggerFactory.getLogger(AckFirstDispatch.class);

    /** The slash command the bot answers; it must match the manifest. */
    static final String COMMAND = "/runbook";

    static final String BUSY_TEXT = "runbook-bot is busy right now and could not take this command. Try again shortly.";

    private final SlackHandlers handlers;
    private final Executor work;

    AckFirstDispatch(SlackHandlers handlers, Executor work) {
        this.handlers = Objects.requireNonNull(handlers, "handlers");
        this.work = Objects.requireNonNull(work, "work");
    }

    void registerOn(App app) {
        app.command(COMMAND, (req, ctx) -> {
            SlashCommand command = toCommand(req.getPayload());
            if (!submit(
                    "command " + command.command(), () -> handlers.commands().onCommand(command))) {
                return ctx.ack(BUSY_TEXT);
            }
            return ctx.ack();
        });
        for (Map.Entry<String, ButtonHandler> button : handlers.buttons().entrySet()) {
            String actionId = button.getKey();
            ButtonHandler handler = button.getValue();
            app.blockAction(actionId, (req, ctx) -> onClick(req, ctx, actionId, handler));
        }
        app.event(AppHomeOpenedEvent.class, (payload, ctx) -> {
            AppHomeOpenedEvent event = payload.getEvent();
            if ("home".equals(event.getTab()) && event.getUser() != null) {
                AppHomeOpened opened = new AppHomeOpened(event.getUser(), payload.getTeamId());
                submit("app_home_opened", () -> handlers.home().onHomeOpened(opened));
            }
            return ctx.ack();
        });
    }

    private Response onClick(BlockActionRequest req, ActionContext ctx, String actionId, ButtonHandler handler) {
        BlockActionPayload payload = req.getPayload();
        for (BlockActionPayload.Action action : payload.getActions()) {
            if (actionId.equals(action.getActionId())) {
                ButtonClick click = toClick(payload, action);
                submit("button " + actionId, () -> handler.onClick(click));
                break;
            }
        }
        return ctx.ack();
    }

    private boolean submit(String what, Runnable task) {
        try {
            work.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException | Error e) {
                    LOG.error("Slack handler for {} failed", what, e);
                    if (e instanceof Error error) {
                        throw error;
                    }
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            LOG.warn("Slack work queue is full; {} was acknowledged but not handled", what);
            return false;
        }
    }

    private static SlashCommand toCommand(SlashCommandPayload p) {
        return new SlashCommand(
                p.getTeamId(),
                p.getChannelId(),
                p.getUserId(),
                p.getCommand(),
                p.getText(),
                p.getResponseUrl(),
                p.getTriggerId());
    }

    private static ButtonClick toClick(BlockActionPayload p, BlockActionPayload.Action action) {
        BlockActionPayload.User user = p.getUser();
        String userTeam = user.getTeamId() != null
                ? user.getTeamId()
                : p.getTeam() == null ? "" : p.getTeam().getId();
        BlockActionPayload.Container container = p.getContainer();
        String channel = agreed(
                p.getChannel() == null ? null : p.getChannel().getId(),
                container == null ? null : container.getChannelId());
        String messageTs = agreed(
                container == null ? null : container.getMessageTs(),
                p.getMessage() == null ? null : p.getMessage().getTs());
        return new ButtonClick(
                action.getActionId(),
                action.getValue(),
                user.getId(),
                userTeam,
                channel,
                messageTs,
                container == null ? "" : container.getThreadTs(),
                p.getResponseUrl(),
                p.getTriggerId());
    }

    /**
     * A location field that a payload gives twice ({@code channel.id} and {@code container.channel_id}; {@code
     * container.message_ts} and {@code message.ts}): the value when those given agree, empty when none is given or they
     * differ, so that a click whose payload contradicts itself is bound to no message at all.
     */
    private static String agreed(String first, String second) {
        boolean hasFirst = first != null && !first.isEmpty();
        boolean hasSecond = second != null && !second.isEmpty();
        if (hasFirst && hasSecond) {
            return first.equals(second) ? first : "";
        }
        return hasFirst ? first : hasSecond ? second : "";
    }
}
