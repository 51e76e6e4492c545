package dev.runbookbot.slack;

/** Why a Web API call failed, for callers that treat failures differently. */
public enum SlackFailureKind {
    /** HTTP 429 answers used up the attempts, or the {@code Retry-After} wait was longer than allowed. */
    RATE_LIMITED,
    /** Slack refused the blocks ({@code invalid_blocks}, {@code msg_blocks_too_long}): a rendering bug. */
    INVALID_BLOCKS,
    /** Slack answered {@code ok: false} with another error code (for example {@code missing_scope}). */
    SLACK_ERROR,
    /** Slack answered with an HTTP status other than 2xx or 429 (for example 503). */
    HTTP_ERROR,
    /** The call did not complete: connection refused, timed out, reset. */
    IO_ERROR,
    /** The thread was interrupted while waiting out a rate limit. */
    INTERRUPTED,
    /** The call was not made because its input is not acceptable (for example a foreign {@code response_url}). */
    REFUSED
}
