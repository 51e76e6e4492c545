package dev.runbookbot.slack.render;

/**
 * Cutting text to a length without breaking it: never inside a surrogate pair, and for mrkdwn never inside an entity
 * ({@code &amp;}) or a {@code <...>} construct, with an unclosed code block closed before the marker.
 */
final class Truncation {
    private Truncation() {}

    /** {@code text} cut to at most {@code max} characters, ending in an ellipsis when cut. */
    static String plain(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = safeEnd(text, max - 1);
        return text.substring(0, end) + "\u2026";
    }

    /** {@code mrkdwn} cut to at most {@code max} characters, ending in {@code marker} on its own line when cut. */
    static String mrkdwn(String mrkdwn, int max, String marker) {
        if (mrkdwn.length() <= max) {
            return mrkdwn;
        }
        String fence = "```";
        int room = max - marker.length() - fence.length() - 2;
        if (room <= 0) {
            return plain(marker, max);
        }
        int end = safeEnd(mrkdwn, room);
        int amp = mrkdwn.lastIndexOf('&', end - 1);
        if (amp >= 0 && mrkdwn.indexOf(';', amp) >= end) {
            end = amp;
        }
        int open = mrkdwn.lastIndexOf('<', end - 1);
        if (open >= 0 && mrkdwn.indexOf('>', open) >= end) {
            end = open;
        }
        String head = mrkdwn.substring(0, end);
        String close = countOf(head, fence) % 2 == 1 ? "\n" + fence : "";
        return head + close + "\n" + marker;
    }

    private static int safeEnd(String text, int end) {
        if (end > 0 && end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
            return end - 1;
        }
        return Math.max(end, 0);
    }

    private static int countOf(String text, String part) {
        int count = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            count++;
        }
        return count;
    }
}
