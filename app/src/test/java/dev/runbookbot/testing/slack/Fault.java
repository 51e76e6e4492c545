package dev.runbookbot.testing.slack;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** Something the fake Web API does instead of (or, for latency, before) answering a call normally. */
public sealed interface Fault {

    /** HTTP 429 with {@code Retry-After: seconds} and {@code {"ok":false,"error":"ratelimited"}}. */
    record RateLimited(int retryAfterSeconds) implements Fault {
        public RateLimited {
            if (retryAfterSeconds < 0) {
                throw new IllegalArgumentException("Retry-After must not be negative");
            }
        }
    }

    /** HTTP 200 with {@code {"ok":false,"error":error}}, for example {@code not_in_channel}. */
    record SlackError(String error) implements Fault {
        public SlackError {
            Objects.requireNonNull(error, "error");
        }
    }

    /** HTTP 200 {@code invalid_blocks} with {@code errors} and {@code response_metadata.messages}. */
    record InvalidBlocks(List<String> messages) implements Fault {
        public InvalidBlocks {
            messages = List.copyOf(messages);
        }
    }

    /** An HTTP error status (500, 503...) with {@code {"ok":false,"error":"fatal_error"}}. */
    record HttpStatus(int status) implements Fault {}

    /** The normal answer, sent after {@code delay}. */
    record Latency(Duration delay) implements Fault {
        public Latency {
            Objects.requireNonNull(delay, "delay");
        }
    }

    /** The request is read and the connection closed without an answer. */
    record DropConnection() implements Fault {}

    /**
     * The request is read and never answered, and nothing is done with it (as when Slack hangs before processing):
     * the client gives up at its own call timeout.
     */
    record Hang() implements Fault {}

    static Fault rateLimited(int retryAfterSeconds) {
        return new RateLimited(retryAfterSeconds);
    }

    static Fault error(String error) {
        return new SlackError(error);
    }
}
