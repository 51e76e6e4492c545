package dev.runbookbot.slack;

import com.slack.api.bolt.handler.UnmatchedRequestHandler;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestType;
import com.slack.api.bolt.response.Response;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers payloads no listener matched. Bolt's default answers 404, and Socket Mode then sends no ack at all, so the
 * user sees an error and Slack may retry. Here everything is acknowledged; a click on a button the bot no longer knows
 * (an old message after an upgrade) also gets an ephemeral "this button is no longer valid", posted to its
 * {@code response_url} from the work executor, never from the listener thread.
 */
final class StaleButtonResponder implements UnmatchedRequestHandler {
    private static final Logger LOG = LoggerFactory.getLogger(StaleButtonResponder.class);

    static final String NO_LONGER_VALID =
            "This button is no longer valid. Run the command again, or use the buttons on the latest message.";

    private final SlackWebApi webApi;
    private final Executor work;

    StaleButtonResponder(SlackWebApi webApi, Executor work) {
        this.webApi = Objects.requireNonNull(webApi, "webApi");
        this.work = Objects.requireNonNull(work, "work");
    }

    @Override
    public Response handle(Request<?> request) {
        String responseUrl = request.getResponseUrl();
        if (request.getRequestType() == RequestType.BlockAction && responseUrl != null && !responseUrl.isEmpty()) {
            try {
                work.execute(() -> {
                    SlackResult<Void> result = webApi.respondEphemeral(responseUrl, NO_LONGER_VALID);
                    if (!result.isOk()) {
                        LOG.warn("Could not tell a user that a button is no longer valid: {}", result.describe());
                    }
                });
            } catch (RejectedExecutionException e) {
                LOG.warn("Slack work queue is full; a stale button click was acknowledged without an answer");
            }
        } else {
            LOG.info("Acknowledged a {} payload that no listener handles", request.getRequestType());
        }
        return Response.ok();
    }
}
