package dev.runbookbot.slack;

import java.util.Locale;

/**
 * Hears every Web API call that did not succeed, as the method and a short error code from a small set, for the
 * metrics ({@code runbook_slack_api_errors_total{method,error}}): Slack's own code for a refusal ({@code
 * channel_not_found}, {@code not_in_channel}, {@code invalid_blocks}, {@code missing_scope}, ...), or {@code
 * ratelimited}, {@code http_<status>}, {@code io_error}, {@code interrupted}, {@code refused}. Called on the calling
 * thread after the call; must be quick and thread-safe.
 */
@FunctionalInterface
public interface SlackErrorListener {
    void failed(String method, String error);

    SlackErrorListener NONE = (method, error) -> {};

    /** The error code of a failed result; {@code ok} for a success. */
    static String code(SlackResult<?> result) {
        if (result instanceof SlackResult.Ok<?>) {
            return "ok";
        }
        if (result instanceof SlackResult.ChannelUnavailable<?> unavailable) {
            return unavailable.error();
        }
        SlackResult.Failed<?> failed = (SlackResult.Failed<?>) result;
        return switch (failed.kind()) {
            case RATE_LIMITED -> "ratelimited";
            case INVALID_BLOCKS, SLACK_ERROR -> firstWord(failed.detail());
            case HTTP_ERROR -> "http_" + digits(failed.detail());
            case IO_ERROR -> "io_error";
            case INTERRUPTED -> "interrupted";
            case REFUSED -> "refused";
        };
    }

    /** Slack's code at the start of a detail, when it has the shape of one; {@code other} otherwise. */
    private static String firstWord(String detail) {
        String word = detail.strip().split("[\\s:(]", 2)[0].toLowerCase(Locale.ROOT);
        return word.matches("[a-z_]{1,40}") ? word : "other";
    }

    /** The HTTP status in a detail such as {@code HTTP 503}; {@code other} when there is none. */
    private static String digits(String detail) {
        String digits = detail.replaceAll("[^0-9]", "");
        return digits.length() == 3 ? digits : "other";
    }
}
