package dev.runbookbot.slack.render;

import dev.runbookbot.text.InvisibleCharacters;
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
 * other C0 and C1 control character, DEL, and every {@link InvisibleCharacters invisible character}: the Unicode
 * bidirectional embeddings, overrides, isolates and marks, the zero-width characters and the other format characters
 * (a zero-width joiner inside an emoji sequence goes too: the emoji then show one by one). A carriage return is removed
 * too (a {@code CRLF} becomes a line feed). {@link #strip} is for text from outside and for plain text; {@link
 * #stripMrkdwn} for mrkdwn the bot assembled, where the one zero-width space {@link Mrkdwn#codeBlock} puts between
 * backticks must stay (untrusted parts lost theirs in {@link Mrkdwn#escape}). Stateless and thread-safe.
 */
public final class ControlCharacters {
    /** CSI ({@code ESC [ params intermediates final}), OSC ({@code ESC ] ... BEL|ST}) and two-character escapes. */
    private static final Pattern ESCAPE_SEQUENCE = Pattern.compile(
            "\u001B(?:\\[[0-?]*[ -/]*[@-~]?|\\][^\u0007\u001B]*(?:\u0007|\u001B\\\\)?|[ -/]*[0-~]?)|\u009B[0-?]*[ -/]*[@-~]?");

    /** The zero-width space {@link Mrkdwn#codeBlock} writes between backticks. */
    private static final int CODE_BREAK = 0x200B;

    private ControlCharacters() {}

    /** {@code text} without control sequences, control and invisible characters, line feeds and tabs kept; null stays null. */
    public static String strip(String text) {
        return strip(text, false);
    }

    /** The same for mrkdwn the bot assembled: zero-width spaces (its code-block breaks) are kept. */
    public static String stripMrkdwn(String text) {
        return strip(text, true);
    }

    private static String strip(String text, boolean keepCodeBreaks) {
        if (text == null || !hasAny(text, keepCodeBreaks)) {
            return text;
        }
        String noSequences = ESCAPE_SEQUENCE.matcher(text).replaceAll("");
        StringBuilder out = new StringBuilder(noSequences.length());
        noSequences.codePoints().filter(c -> !isRemoved(c, keepCodeBreaks)).forEach(out::appendCodePoint);
        return out.toString();
    }

    private static boolean hasAny(String text, boolean keepCodeBreaks) {
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (isRemoved(c, keepCodeBreaks)) {
                return true;
            }
            i += Character.charCount(c);
        }
        return false;
    }

    private static boolean isRemoved(int c, boolean keepCodeBreaks) {
        if (c == '\n' || c == '\t' || (keepCodeBreaks && c == CODE_BREAK)) {
            return false;
        }
        return Character.getType(c) == Character.CONTROL || InvisibleCharacters.is(c);
    }
}
