package dev.runbookbot.expr.cel;

/**
 * Marks the characters of a CEL source that are data rather than code: the inside of string and bytes literals
 * (single, double and triple quoted, raw or not) and {@code //} comments. Source rewrites and hints only touch code.
 */
final class LiteralMask {
    private final boolean[] data;

    private LiteralMask(boolean[] data) {
        this.data = data;
    }

    static LiteralMask of(String text) {
        boolean[] data = new boolean[text.length()];
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '/') {
                int end = text.indexOf('\n', i);
                end = end < 0 ? text.length() : end;
                mark(data, i, end);
                i = end;
            } else if (c == '"' || c == '\'') {
                int end = endOfLiteral(text, i, isRaw(text, i));
                mark(data, i, end);
                i = end;
            } else {
                i++;
            }
        }
        return new LiteralMask(data);
    }

    /** True when the character at {@code index} is inside a literal or a comment. */
    boolean isData(int index) {
        return index >= 0 && index < data.length && data[index];
    }

    /** True when no character of {@code [from, to)} is inside a literal or a comment. */
    boolean isCode(int from, int to) {
        for (int i = from; i < to; i++) {
            if (isData(i)) {
                return false;
            }
        }
        return true;
    }

    private static void mark(boolean[] data, int from, int to) {
        for (int i = from; i < to; i++) {
            data[i] = true;
        }
    }

    /** A literal is raw when its prefix (one or two of r, R, b, B right before the quote) contains r or R. */
    private static boolean isRaw(String text, int quote) {
        int start = quote;
        while (start > 0 && quote - start < 2 && "rRbB".indexOf(text.charAt(start - 1)) >= 0) {
            start--;
        }
        if (start > 0 && isIdentifierPart(text.charAt(start - 1))) {
            return false; // part of a longer identifier, so not a prefix
        }
        String prefix = text.substring(start, quote);
        return prefix.indexOf('r') >= 0 || prefix.indexOf('R') >= 0;
    }

    private static boolean isIdentifierPart(char c) {
        return c == '_' || Character.isLetterOrDigit(c);
    }

    /** The index just past the literal that opens at {@code start}, or the end of the text if it never closes. */
    private static int endOfLiteral(String text, int start, boolean raw) {
        char quote = text.charAt(start);
        boolean triple = text.startsWith(String.valueOf(quote).repeat(3), start);
        int i = start + (triple ? 3 : 1);
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\' && !raw) {
                i += 2;
            } else if (triple && text.startsWith(String.valueOf(quote).repeat(3), i)) {
                return i + 3;
            } else if (!triple && c == quote) {
                return i + 1;
            } else if (!triple && c == '\n') {
                return i; // an unterminated literal: the parser reports it
            } else {
                i++;
            }
        }
        return text.length();
    }
}
