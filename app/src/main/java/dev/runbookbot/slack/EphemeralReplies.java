package dev.runbookbot.slack;

import dev.runbookbot.slack.render.MessageBuilder;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one person only: through the payload's {@code response_url} when it has one (it works in channels the bot is
 * not in), else, or when that fails, with {@code chat.postEphemeral}. For errors, refusals and command output; the
 * incident thread itself is posted with the Web API. Text is mrkdwn the caller built, every untrusted part escaped; it
 * is cut to {@value #MAX_TEXT} characters with a pointer to where the rest is. Blocks the calling thread; call it from
 * a worker. Thread-safe.
 */
public final class EphemeralReplies {
    private static final Logger LOG = LoggerFactory.getLogger(EphemeralReplies.class);
    /** Replies longer than this are cut: they are read in a chat window. */
    static final int MAX_TEXT = 3_000;

    private final SlackWebApi api;

    public EphemeralReplies(SlackWebApi api) {
        this.api = Objects.requireNonNull(api, "api");
    }

    /**
     * @param responseUrl the payload's {@code response_url}, or empty
     * @param channelId where {@code chat.postEphemeral} shows it when the response URL cannot be used
     * @param userId who sees it
     * @param threadTs the thread to show it in, or empty
     * @param mrkdwn the text, untrusted parts escaped
     * @param rest where the rest of a cut text is, for example {@code runbookctl timeline INC-7}
     * @return whether it was delivered
     */
    public boolean reply(
            String responseUrl, String channelId, String userId, String threadTs, String mrkdwn, String rest) {
        String text = cut(mrkdwn, rest);
        if (responseUrl != null && !responseUrl.isEmpty()) {
            SlackResult<Void> answered = api.respondEphemeral(responseUrl, text);
            if (answered.isOk()) {
                return true;
            }
            LOG.info("Replying through response_url failed ({}); trying chat.postEphemeral", answered.describe());
        }
        SlackResult<String> posted = api.postEphemeral(
                channelId,
                userId,
                threadTs == null || threadTs.isEmpty() ? null : threadTs,
                MessageBuilder.message(rest).mrkdwnSection(text).build("A reply from runbook-bot"));
        if (!posted.isOk()) {
            LOG.warn("Could not answer {} in {}: {}", userId, channelId, posted.describe());
        }
        return posted.isOk();
    }

    static String cut(String mrkdwn, String rest) {
        if (mrkdwn.length() <= MAX_TEXT) {
            return mrkdwn;
        }
        String marker = "\n\u2026 (more: `" + rest + "`)";
        int end = mrkdwn.lastIndexOf('\n', MAX_TEXT - marker.length());
        if (end <= 0) {
            end = MAX_TEXT - marker.length();
        }
        String head = mrkdwn.substring(0, end);
        if (head.split("```", -1).length % 2 == 0) {
            head += "\n```";
        }
        return head + marker;
    }
}
