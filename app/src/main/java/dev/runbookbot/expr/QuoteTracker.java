package dev.runbookbot.expr;

/**
 * Follows quoting through literal text, for the sinks where it matters: PromQL strings ({@code "}, {@code '},
 * {@code `}, backslash escapes) and {@code #} line comments; SQL strings and quoted identifiers ({@code '...'} with
 * {@code ''}, {@code "..."}), {@code --} line comments and {@code /* *}{@code /} block comments.
 */
final class QuoteTracker {
    private final TemplateSink sink;
    private char quote; // 0 when outside quotes
    private boolean regex;
    private boolean lineComment;
    private boolean blockComment;
    private char previous;
    private final StringBuilder recent = new StringBuilder();

    QuoteTracker(TemplateSink sink) {
        this.sink = sink;
    }

    boolean inside() {
        return quote != 0;
    }

    boolean inComment() {
        return lineComment || blockComment;
    }

    char quoteChar() {
        return quote;
    }

    boolean afterRegexOperator() {
        return regex;
    }

    void feed(String literal) {
        if (sink != TemplateSink.PROMQL && sink != TemplateSink.SQL) {
            return;
        }
        boolean sql = sink == TemplateSink.SQL;
        previous = 0; // a placeholder stood between this literal and the last one
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            if (lineComment) {
                lineComment = c != '\n';
            } else if (blockComment) {
                if (previous == '*' && c == '/') {
                    blockComment = false;
                    c = 0; // the closing slash does not start anything
                }
            } else if (quote == 0) {
                if (c == '"' || c == '\'' || (c == '`' && !sql)) {
                    quote = c;
                    regex = !sql && endsWithRegexOperator();
                } else if (!sql && c == '#') {
                    lineComment = true;
                } else if (sql && c == '-' && previous == '-') {
                    lineComment = true;
                } else if (sql && c == '*' && previous == '/') {
                    blockComment = true;
                    c = 0; // the opening star does not close anything
                } else if (!Character.isWhitespace(c)) {
                    recent.append(c);
                    if (recent.length() > 4) {
                        recent.deleteCharAt(0);
                    }
                }
            } else if (c == '\\' && !sql && quote != '`') {
                i++; // skip the escaped character
                c = 0;
            } else if (c == quote) {
                if (sql && i + 1 < literal.length() && literal.charAt(i + 1) == quote) {
                    i++; // '' inside a SQL string
                } else {
                    quote = 0;
                    recent.setLength(0);
                }
                c = 0;
            }
            previous = c;
        }
    }

    private boolean endsWithRegexOperator() {
        String r = recent.toString();
        // =~ and !~ are PromQL/LogQL label matchers; |~ and !~ are also LogQL line filters.
        return r.endsWith("=~") || r.endsWith("!~") || r.endsWith("|~");
    }
}
