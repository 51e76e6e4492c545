package dev.runbookbot.slack.render;

import java.util.regex.Pattern;

/**
 * Text bound for Slack without terminal control sequences or control characters. Command output and alert data can
 * carry NUL bytes, ANSI colour and cursor sequences ({@code ESC [ 31 m}), OSC titles and links ({@code ESC ] ... BEL}),
 * carriage returns that overwrite a line in a terminal, and bidirectional overrides that make text read backwards. In
 * Slack they show as garbage, hide what follows, or make a message say something else than it contains. Every text the
 * bot sends to Slack passes here ({@link Mrkdwn#escape}, plain text objects, a message's fallback text); the stored
 * output keeps every byte.
 *
 * <p>Kept: line feeds and tabs (layout). Removed: whole ANSI escape sequences (CSI, OSC and two-character ones), every
 * other C0 and C1 control character, DEL, and the Unicode bidirectional embedding, override and isolate characters. A
 * carriage return is removed too (a {@code CRLF} becomes a line feed). Stateless and thread-safe.
 */
public final class ControlCharacters {
    /** CSI ({@code ESC [ params intermediates final}), OSC ({@code ESC ] ... BEL|ST}) and two-character escapes. */
    private static final Pattern ESCAPE_SEQUENCE = Pattern.compile(
            "\u001B(?:\\[[0-?]*[ -/]*[@-~]?|\\][^\u0007\u001B]*(?:\u0007|\u001B\\\\)?|[ -/]*[0-~]?)|\u009B[0-?]*[ -/]*[@-~]?");

    private ControlCharacters() {}

    /** {@code text} without control sequences and control characters, line feeds and tabs kept; null stays null. */
    public static String strip(String text) {
        if (text == null || !hasAny(text)) {
            return text;
        }
        String noSequences = ESCAPE_SEQUENCE.matcher(text).replaceAll("");
        StringBuilder out = new StringBuilder(noSequences.length());
        for (int i = 0; i < noSequences.length(); i++) {
            char c = noSequences.charAt(i);
            if (!isRemoved(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean hasAny(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (isRemoved(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isRemoved(char c) {
        if (c == '\n' || c == '\t') {
            return false;
        }
        return Character.getType(c) == Character.CONTROL
                || (c >= '\u202A' && c <= '\u202E')
                || (c >= '\u2066' && c <= '\u2069');
    }
}
