package dev.runbookbot.runtime;

import dev.runbookbot.incident.StoredChatPlacements;
import dev.runbookbot.slack.DeliveryBackoff;
import dev.runbookbot.slack.MessageUpdateCoalescer;
import dev.runbookbot.slack.RateLimitPolicy;
import dev.runbookbot.slack.SlackChatGateway;
import dev.runbookbot.slack.SlackWebApi;
import dev.runbookbot.store.JdbiIncidentStore;
import dev.runbookbot.telemetry.Metrics;
import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * The half of the Slack adapter that sends: the Web API with its pacing ({@code slack-web-api} threads), the coalescer
 * of message edits, and the chat gateway that delivers each incident's messages in order ({@code slack-delivery}
 * threads). Closing it delivers what is queued (a few seconds at most), then the pending edits.
 */
final class SlackDelivery implements AutoCloseable {
    private final ScheduledThreadPoolExecutor pacing = BotExecutors.scheduled("slack-web-api", 2);
    private final ThreadPoolExecutor delivery = BotExecutors.delivery();
    private final SlackWebApi webApi;
    private final MessageUpdateCoalescer coalescer;
    private final SlackChatGateway chat;

    SlackDelivery(
            SlackAccess access,
            RateLimitPolicy rateLimits,
            Metrics metrics,
            JdbiIncidentStore store,
            Duration chatUpdateInterval) {
        this.webApi = new SlackWebApi(access.transport(), access.settings(), rateLimits, metrics::slackApiError);
        this.coalescer = new MessageUpdateCoalescer(webApi::update, pacing, chatUpdateInterval);
        this.chat = new SlackChatGateway(
                webApi, coalescer, store, delivery, pacing, new StoredChatPlacements(store), DeliveryBackoff.DEFAULT);
    }

    SlackWebApi webApi() {
        return webApi;
    }

    SlackChatGateway chat() {
        return chat;
    }

    @Override
    public void close() throws InterruptedException {
        try {
            BotExecutors.drain(delivery, BotExecutors.DRAIN_GRACE);
        } finally {
            try {
                coalescer.close();
            } finally {
                BotExecutors.drain(pacing, BotExecutors.DRAIN_GRACE);
            }
        }
    }
}
