package dev.runbookbot.text;

/**
 * The characters that change how text reads without showing themselves ("Trojan Source", CVE-2021-42574): the
 * bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069), the implicit direction marks
 * (U+200E, U+200F, U+061C), the zero-width characters (U+200B-U+200D, U+2060, U+FEFF, U+180E) and every other Unicode
 * format character (general category Cf, which also holds the invisible tag characters U+E0000-U+E007F and the soft
 * hyphen). A name taken from an alert or a label that holds one of them can read as another name (an override turns
 * the rest of the line around), or look equal to a name it is not. Each sink decides what to do with them (Slack text
 * removes them, a quoted name in a message shows them as an escape, backslash-u and four hex digits); this class only
 * says which they are. Stateless and thread-safe.
 */
public final class InvisibleCharacters {
    private InvisibleCharacters() {}

    /** Whether {@code codePoint} is a bidirectional control, a zero-width or another invisible format character. */
    public static boolean is(int codePoint) {
        return isBidiControl(codePoint)
                || codePoint == 0x200B
                || codePoint == 0x200C
                || codePoint == 0x200D
                || codePoint == 0x2060
                || codePoint == 0xFEFF
                || codePoint == 0x180E
                || Character.getType(codePoint) == Character.FORMAT;
    }

    /** Whether {@code codePoint} changes the direction text is laid out in (embedding, override, isolate or mark). */
    public static boolean isBidiControl(int codePoint) {
        return (codePoint >= 0x202A && codePoint <= 0x202E)
                || (codePoint >= 0x2066 && codePoint <= 0x2069)
                || codePoint == 0x200E
                || codePoint == 0x200F
                || codePoint == 0x061C;
    }

    /** Whether {@code text} holds at least one such character. */
    public static boolean in(CharSequence text) {
        return text.codePoints().anyMatch(InvisibleCharacters::is);
    }

    /** {@code codePoint} as a visible escape: backslash, {@code u} and four hex digits ({@code U} and eight beyond the BMP). */
    public static String escaped(int codePoint) {
        return Character.isBmpCodePoint(codePoint)
                ? String.format(java.util.Locale.ROOT, "\\u%04x", codePoint)
                : String.format(java.util.Locale.ROOT, "\\U%08x", codePoint);
    }
}
