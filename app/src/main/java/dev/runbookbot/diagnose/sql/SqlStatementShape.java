package dev.runbookbot.diagnose.sql;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Checks the shape of a diagnostic query before it reaches a database: one statement, starting with a read keyword,
 * with no bare {@code ?}. This is about clear errors at load time, not about safety: the read-only session is what
 * stops writes. The scanner knows SQL strings ({@code '...'}, {@code E'...'}), quoted identifiers, line and (nested)
 * block comments, and PostgreSQL dollar quoting, so a {@code ;} or {@code ?} inside any of them is not mistaken for
 * syntax.
 */
final class SqlStatementShape {
    static final Set<String> READ_KEYWORDS = Set.of("SELECT", "WITH", "VALUES", "TABLE", "SHOW", "EXPLAIN");

    /** What is wrong with a query's shape, with a hint; empty when the shape is fine. */
    record Problem(String message, String hint) {}

    private SqlStatementShape() {}

    static Optional<Problem> check(String sql) {
        Scan scan = new Scan(sql);
        String first = scan.firstWord();
        if (first.isEmpty()) {
            return Optional.of(new Problem("query is empty", "query: SELECT count(*) FROM orders"));
        }
        if (!READ_KEYWORDS.contains(first.toUpperCase(Locale.ROOT))) {
            return Optional.of(new Problem(
                    "database_query runs read statements only (SELECT, WITH, VALUES, TABLE, SHOW, EXPLAIN); this"
                            + " query starts with " + first.toUpperCase(Locale.ROOT),
                    "diagnostics never write; a change to data belongs in a remediation"));
        }
        if (scan.statementEnd >= 0) {
            return Optional.of(new Problem(
                    "query must be a single statement; more follows the ';' at offset " + scan.statementEnd,
                    "run one query per diagnostic, or combine them with WITH or UNION ALL"));
        }
        if (scan.bareQuestionMark >= 0) {
            return Optional.of(new Problem(
                    "query has a bare '?' at offset " + scan.bareQuestionMark
                            + "; values go in as {{ params.<name> }} or {{ labels.<name> }}, each bound as a parameter",
                    "write PostgreSQL's ?, ?| and ?& operators as ??, ??| and ??&"));
        }
        return Optional.empty();
    }

    /** One pass over the text outside strings, identifiers and comments. */
    private static final class Scan {
        private final String sql;
        private final StringBuilder firstWord = new StringBuilder();
        private boolean firstWordDone;
        private int statementEnd = -1;
        private int bareQuestionMark = -1;

        Scan(String sql) {
            this.sql = sql;
            run();
        }

        String firstWord() {
            return firstWord.toString();
        }

        private void run() {
            int i = 0;
            int semicolon = -1;
            while (i < sql.length()) {
                char c = sql.charAt(i);
                char next = i + 1 < sql.length() ? sql.charAt(i + 1) : 0;
                if (c == '-' && next == '-') {
                    int newline = sql.indexOf('\n', i);
                    i = newline < 0 ? sql.length() : newline + 1;
                    continue;
                }
                if (c == '/' && next == '*') {
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
                    if (next == '?') {
                        i += 2;
                        continue;
                    }
                    if (bareQuestionMark < 0) {
                        bareQuestionMark = i;
                    }
                }
                if (!firstWordDone && Character.isLetter(c)) {
                    firstWord.append(c);
                } else if (!firstWordDone && c != '(') {
                    endWord();
                } else if (c == '(') {
                    endWord();
                }
                i++;
            }
        }

        private void endWord() {
            if (firstWord.length() > 0) {
                firstWordDone = true;
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
