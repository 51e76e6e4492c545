package dev.runbookbot.slack;

import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.chat.ChatUpdateResponse;
import com.slack.api.methods.response.views.ViewsPublishResponse;
import com.slack.api.model.ErrorResponseMetadata;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * How {@link SlackWebApi} makes one Web API call: in its turn among the calls of the same method and channel ({@link
 * PriorityTurns}), paced to Slack's published rate ({@link RequestPacer}), after any {@code Retry-After} window Slack
 * announced ({@link RetryAfterWindows}), retrying a 429 up to {@link RateLimitPolicy#maxAttempts()}; the answer comes
 * back as a {@link SlackResult}, and every failure is reported to the {@link SlackErrorListener}. See {@link
 * SlackWebApi}'s class comment for why. Thread-safe.
 */
final class RateLimitedCalls {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RateLimitedCalls.class);
    private final RateLimitPolicy policy;
    private final RetryAfterWindows windows = new RetryAfterWindows(System::nanoTime);
    /** One call in flight per rate-limit key. */
    private final PriorityTurns turns = new PriorityTurns();

    private final RequestPacer pacer;
    private final SlackErrorListener errors;

    RateLimitedCalls(RateLimitPolicy policy, SlackErrorListener errors, RequestPacer pacer) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.errors = Objects.requireNonNull(errors, "errors");
        this.pacer = Objects.requireNonNull(pacer, "pacer");
    }

    @FunctionalInterface
    interface ApiCall<R> {
        R call() throws IOException, SlackApiException;
    }

    <R extends SlackApiTextResponse, T> SlackResult<T> call(
            String method, String channelId, ApiCall<R> apiCall, Function<R, T> onOk) {
        return call(method, channelId, SendPriority.ACTION, apiCall, onOk);
    }

    <R extends SlackApiTextResponse, T> SlackResult<T> call(
            String method, String channelId, SendPriority priority, ApiCall<R> apiCall, Function<R, T> onOk) {
        String key = RetryAfterWindows.key(method, channelId);
        long asked = System.nanoTime();
        PriorityTurns.Turn turn;
        try {
            turn = turns.take(key, priority);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return reported(
                    method,
                    new SlackResult.Failed<>(
                            method, SlackFailureKind.INTERRUPTED, "interrupted while waiting its turn"));
        }
        long granted = System.nanoTime();
        try {
            return reported(method, callInTurn(method, channelId, key, apiCall, onOk));
        } finally {
            turns.release(turn);
            if (LOG.isDebugEnabled()) {
                LOG.debug(
                        "{} {} ({}): waited {} ms for its turn, then {} ms",
                        method,
                        channelId,
                        priority,
                        String.format(java.util.Locale.ROOT, "%.2f", (granted - asked) / 1e6),
                        String.format(java.util.Locale.ROOT, "%.2f", (System.nanoTime() - granted) / 1e6));
            }
        }
    }

    <T> SlackResult<T> reported(String method, SlackResult<T> result) {
        if (!result.isOk()) {
            try {
                errors.failed(method, SlackErrorListener.code(result));
            } catch (RuntimeException e) {
                // a metrics hook never changes what the caller gets
            }
        }
        return result;
    }

    private <R extends SlackApiTextResponse, T> SlackResult<T> callInTurn(
            String method, String channelId, String key, ApiCall<R> apiCall, Function<R, T> onOk) {
        for (int attempt = 1; ; attempt++) {
            Duration wait = windows.remaining(key);
            if (wait.compareTo(policy.maxWait()) > 0) {
                return new SlackResult.Failed<>(
                        method,
                        SlackFailureKind.RATE_LIMITED,
                        "Slack asked to wait " + wait.toSeconds() + " s, more than the "
                                + policy.maxWait().toSeconds() + " s allowed");
            }
            Duration paced = pacer.reserve(method, channelId);
            if (paced.compareTo(wait) > 0) {
                wait = paced;
            }
            if (!wait.isZero()) {
                LOG.debug(
                        "{} {}: waits {} ms for its pace or a Retry-After window", method, channelId, wait.toMillis());
                try {
                    TimeUnit.NANOSECONDS.sleep(wait.toNanos());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return new SlackResult.Failed<>(
                            method, SlackFailureKind.INTERRUPTED, "interrupted while rate limited");
                }
            }
            R response;
            try {
                response = apiCall.call();
            } catch (SlackApiException e) {
                int status = e.getResponse().code();
                if (status != 429) {
                    return new SlackResult.Failed<>(method, SlackFailureKind.HTTP_ERROR, "HTTP " + status);
                }
                windows.block(key, retryAfter(e.getResponse().header("Retry-After")));
                if (attempt >= policy.maxAttempts()) {
                    return new SlackResult.Failed<>(
                            method, SlackFailureKind.RATE_LIMITED, "HTTP 429 on all " + attempt + " attempts");
                }
                continue;
            } catch (IOException e) {
                return new SlackResult.Failed<>(method, SlackFailureKind.IO_ERROR, String.valueOf(e.getMessage()));
            }
            if (response.isOk()) {
                return new SlackResult.Ok<>(onOk.apply(response));
            }
            return failure(method, channelId, response);
        }
    }

    private Duration retryAfter(String header) {
        if (header != null) {
            try {
                long seconds = Long.parseLong(header.trim());
                if (seconds >= 0) {
                    return Duration.ofSeconds(seconds);
                }
            } catch (NumberFormatException e) {
                // an HTTP-date or garbage: fall back to the default below
            }
        }
        return policy.defaultRetryAfter();
    }

    private static <T> SlackResult<T> failure(String method, String channelId, SlackApiTextResponse response) {
        String error = String.valueOf(response.getError());
        switch (error) {
            case "not_in_channel", "channel_not_found" -> {
                return new SlackResult.ChannelUnavailable<>(method, channelId == null ? "" : channelId, error);
            }
            case "invalid_blocks", "invalid_blocks_format", "msg_blocks_too_long" -> {
                return new SlackResult.Failed<>(method, SlackFailureKind.INVALID_BLOCKS, error + messages(response));
            }
            default -> {
                String detail = error;
                if (response.getNeeded() != null) {
                    detail += " (needed: " + response.getNeeded() + ", provided: " + response.getProvided() + ")";
                }
                return new SlackResult.Failed<>(method, SlackFailureKind.SLACK_ERROR, detail);
            }
        }
    }

    private static String messages(SlackApiTextResponse response) {
        ErrorResponseMetadata metadata = null;
        if (response instanceof ChatPostMessageResponse r) {
            metadata = r.getResponseMetadata();
        } else if (response instanceof ChatUpdateResponse r) {
            metadata = r.getResponseMetadata();
        } else if (response instanceof ViewsPublishResponse r) {
            metadata = r.getResponseMetadata();
        }
        if (metadata == null
                || metadata.getMessages() == null
                || metadata.getMessages().isEmpty()) {
            return "";
        }
        return ": " + String.join("; ", metadata.getMessages());
    }
}
