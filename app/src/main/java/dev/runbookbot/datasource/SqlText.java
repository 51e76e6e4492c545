package dev.runbookbot.datasource;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a statement's text says outside its strings and comments: its first keyword, every keyword, where a second
 * statement would start, and where a bare {@code ?} stands. The scanner knows SQL strings ({@code '...'}, {@code
 * E'...'}), quoted identifiers, line and (nested) block comments, and PostgreSQL dollar quoting, so a {@code ;}, a
 * {@code ?} or a keyword inside any of them is not mistaken for syntax. It checks shape for clear error messages; it is
 * not a security boundary (sessions and bind parameters are). Immutable.
 */
public final class SqlText {
    private final String firstWord;
    private final List<String> words;
    private final int statementEnd;
    private final int bareQuestionMark;

    private SqlText(String firstWord, List<String> words, int statementEnd, int bareQuestionMark) {
        this.firstWord = firstWord;
        this.words = List.copyOf(words);
        this.statementEnd = statementEnd;
        this.bareQuestionMark = bareQuestionMark;
    }

    public static SqlText scan(String sql) {
        Scanner scanner = new Scanner(sql);
        scanner.run();
        return new SqlText(
                scanner.words.isEmpty() ? "" : scanner.firstWord,
                scanner.words,
                scanner.statementEnd,
                scanner.bareQuestionMark);
    }

    /** The first word as written (empty for an empty statement). */
    public String firstWord() {
        return firstWord;
    }

    /** Every word outside strings, identifiers and comments, in upper case, in order. */
    public List<String> words() {
        return words;
    }

    /** The offset of a {@code ;} that more text follows (a second statement), or -1. */
    public int statementEnd() {
        return statementEnd;
    }

    /** The offset of the first {@code ?} that is not part of a {@code ??} escape, or -1. */
    public int bareQuestionMark() {
        return bareQuestionMark;
    }

    /** One pass over the text outside strings, identifiers and comments. */
    private static final class Scanner {
        private final String sql;
        private final List<String> words = new ArrayList<>();
        private final StringBuilder word = new StringBuilder();
        private String firstWord = "";
        private int statementEnd = -1;
        private int bareQuestionMark = -1;

        Scanner(String sql) {
            this.sql = sql;
        }

        void run() {
            int i = 0;
            int semicolon = -1;
            while (i < sql.length()) {
                char c = sql.charAt(i);
                char next = i + 1 < sql.length() ? sql.charAt(i + 1) : 0;
                if (c == '-' && next == '-') {
                    endWord();
                    int newline = sql.indexOf('\n', i);
                    i = newline < 0 ? sql.length() : newline + 1;
                    continue;
                }
                if (c == '/' && next == '*') {
                    endWord();
                    i = skipBlockComment(i);
                    continue;
                }
                if (Character.isWhitespace(c)) {
                    endWord();
                    i++;
                    continue;
                }
                if (semicolon >= 0) {
                    statementEnd = semicolon;
                    return;
                }
                if (c == '\'') {
                    boolean escapes = i > 0 && (sql.charAt(i - 1) == 'E' || sql.charAt(i - 1) == 'e');
                    if (escapes && word.length() == 1) {
                        word.setLength(0); // the E of E'...' is a prefix, not a word
                    }
                    endWord();
                    i = skipQuoted(i, '\'', escapes);
                    continue;
                }
                if (c == '"') {
                    endWord();
                    i = skipQuoted(i, '"', false);
                    continue;
                }
                if (c == '$') {
                    int end = dollarQuoteEnd(i);
                    if (end > i) {
                        endWord();
                        i = end;
                        continue;
                    }
                }
                if (c == ';') {
                    endWord();
                    semicolon = i;
                    i++;
                    continue;
                }
                if (c == '?') {
                    endWord();
                    if (next == '?') {
                        i += 2;
                        continue;
                    }
                    if (bareQuestionMark < 0) {
                        bareQuestionMark = i;
                    }
                    i++;
                    continue;
                }
                if (Character.isLetter(c) || c == '_' || (word.length() > 0 && Character.isDigit(c))) {
                    word.append(c);
                } else {
                    endWord();
                }
                i++;
            }
            endWord();
        }

        private void endWord() {
            if (word.length() > 0) {
                if (words.isEmpty()) {
                    firstWord = word.toString();
                }
                words.add(word.toString().toUpperCase(Locale.ROOT));
                word.setLength(0);
            }
        }

        private int skipBlockComment(int start) {
            int depth = 0;
            int i = start;
            while (i < sql.length()) {
                if (sql.startsWith("/*", i)) {
                    depth++;
                    i += 2;
                } else if (sql.startsWith("*/", i)) {
                    depth--;
                    i += 2;
                    if (depth == 0) {
                        return i;
                    }
                } else {
                    i++;
                }
            }
            return i;
        }

        private int skipQuoted(int start, char quote, boolean backslashEscapes) {
            int i = start + 1;
            while (i < sql.length()) {
                char c = sql.charAt(i);
                if (backslashEscapes && c == '\\') {
                    i += 2;
                } else if (c == quote) {
                    if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                        i += 2;
                    } else {
                        return i + 1;
                    }
                } else {
                    i++;
                }
            }
            return i;
        }

        /** The end of a {@code $tag$...$tag$} string starting at {@code start}, or {@code start} if there is none. */
        private int dollarQuoteEnd(int start) {
            int i = start + 1;
            if (i < sql.length() && Character.isDigit(sql.charAt(i))) {
                return start; // $1 is a positional parameter
            }
            while (i < sql.length() && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
                i++;
            }
            if (i >= sql.length() || sql.charAt(i) != '$') {
                return start;
            }
            String tag = sql.substring(start, i + 1);
            int close = sql.indexOf(tag, i + 1);
            return close < 0 ? sql.length() : close + tag.length();
        }
    }
}
