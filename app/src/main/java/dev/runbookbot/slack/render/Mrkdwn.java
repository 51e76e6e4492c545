package dev.runbookbot.slack.render;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Slack mrkdwn for text the bot does not control: alert labels and annotations, command arguments, diagnostic output.
 *
 * <p>In mrkdwn, {@code <!channel>}, {@code <!here>}, {@code <!subteam^S1>}, {@code <@U1>} and {@code <url|label>} are
 * live: an alert summary could page a whole channel or show a harmless label over a phishing link. Slack's rule is to
 * escape {@code &}, {@code <} and {@code >} as {@code &amp;}, {@code &lt;}, {@code &gt;}, which turns all of those into
 * inert text. Asterisks, underscores and tildes are left alone: they change emphasis, not meaning. A bare URL stays
 * visible as itself (Slack may still make it clickable; messages are posted with unfurling off). Mentions and links the
 * bot means to make come from {@link #user}, {@link #channel} and {@link #link}, which accept only well-formed ids and
 * http(s) URLs.
 */
public final class Mrkdwn {
    private static final Pattern USER_ID = Pattern.compile("[UW][A-Z0-9]{2,30}");
    private static final Pattern CHANNEL_ID = Pattern.compile("[CGD][A-Z0-9]{2,30}");

    private Mrkdwn() {}

    /** {@code untrusted} as inert mrkdwn text, without control characters ({@link ControlCharacters}). */
    public static String escape(String untrusted) {
        if (untrusted == null || untrusted.isEmpty()) {
            return "";
        }
        untrusted = ControlCharacters.strip(untrusted);
        StringBuilder out = new StringBuilder(untrusted.length() + 16);
        for (int i = 0; i < untrusted.length(); i++) {
            char c = untrusted.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** {@code untrusted} as inline code: escaped, on one line, with backticks that cannot end the span. */
    public static String inlineCode(String untrusted) {
        String text = escape(untrusted).replace('\n', ' ').replace('\r', ' ').replace('`', '\u02cb');
        return "`" + text + "`";
    }

    /** {@code untrusted} as a code block: escaped, and no run of three backticks inside can close the block early. */
    public static String codeBlock(String untrusted) {
        String text = escape(untrusted).replace("```", "`\u200b``");
        return "```\n" + text + "\n```";
    }

    /** A mention of a user by id ({@code U...} or {@code W...}); rejects anything else. */
    public static String user(String userId) {
        if (userId == null || !USER_ID.matcher(userId).matches()) {
            throw new IllegalArgumentException("not a Slack user id: " + escape(String.valueOf(userId)));
        }
        return "<@" + userId + ">";
    }

    /** A link to a channel by id ({@code C...}, {@code G...} or {@code D...}); rejects anything else. */
    public static String channel(String channelId) {
        if (channelId == null || !CHANNEL_ID.matcher(channelId).matches()) {
            throw new IllegalArgumentException("not a Slack channel id: " + escape(String.valueOf(channelId)));
        }
        return "<#" + channelId + ">";
    }

    /** A labelled link to an http(s) URL; the label is escaped, and the URL cannot end the link early. */
    public static String link(URI url, String label) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new IllegalArgumentException("only http(s) links are allowed, got scheme '" + escape(scheme) + "'");
        }
        String target = escape(url.toString()).replace("|", "%7C");
        return "<" + target + "|" + escape(label).replace("|", "\u01c0") + ">";
    }
}
