package dev.runbookbot.expr;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A string with {@code {{ scope.name }}} placeholders, parsed once. Rendering is sink-aware (see {@link TemplateSink}):
 * a value is always data, escaped or bound for the place it lands, and never parsed again, so a value that itself
 * contains {@code {{} stays literal text. Immutable and thread-safe.
 */
public final class Template {
    private static final Pattern PROMQL_NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");
    private static final Pattern PROMQL_DURATION = Pattern.compile("([0-9]+(ms|s|m|h|d|w|y))+");
    private static final String REGEX_META = "\\.+*?()|[]{}^$";

    private final String source;
    private final List<Object> parts; // String literal or Placeholder, in order

    /**
     * A placeholder: what it computes, what the author wrote between the braces, and the offset of its {@code {{} in
     * the source, for error messages.
     */
    private record Placeholder(TemplateExpression expression, String written, int offset) {
        /** How messages name it: the variable, or the whole expression when it calls functions. */
        Object variable() {
            return expression instanceof TemplateExpression.Path path ? path.variable() : "{{ " + written + " }}";
        }
    }

    private Template(String source, List<Object> parts) {
        this.source = source;
        this.parts = List.copyOf(parts);
    }

    /**
     * Parses {@code source}; a {@code {{} that does not open a valid placeholder (see {@link PlaceholderParser}) is an
     * error at its braces.
     */
    public static Template parse(String source) throws TemplateException {
        List<Object> parts = new ArrayList<>();
        int last = 0;
        int open;
        while ((open = source.indexOf("{{", last)) >= 0) {
            int close = PlaceholderParser.closing(source, open);
            if (close < 0) {
                throw new TemplateException(PlaceholderParser.MALFORMED, open);
            }
            if (open > last) {
                parts.add(source.substring(last, open));
            }
            String written = source.substring(open + 2, close);
            TemplateExpression expression = PlaceholderParser.expression(written, open + 2, open);
            parts.add(new Placeholder(expression, written.strip(), open));
            last = close + 2;
        }
        if (last < source.length()) {
            parts.add(source.substring(last));
        }
        return new Template(source, parts);
    }

    /** True when {@code text} contains at least one placeholder (or something that tries to be one). */
    public static boolean isTemplated(String text) {
        return text != null && text.contains("{{");
    }

    public String source() {
        return source;
    }

    /** The variables this template names, in order of first use. */
    public Set<TemplateVariable> variables() {
        Set<TemplateVariable> vars = new LinkedHashSet<>();
        for (Object part : parts) {
            if (part instanceof Placeholder p) {
                collect(p.expression(), vars);
            }
        }
        return vars;
    }

    private static void collect(TemplateExpression expression, Set<TemplateVariable> into) {
        if (expression instanceof TemplateExpression.Path path) {
            into.add(path.variable());
        } else if (expression instanceof TemplateExpression.Call call) {
            call.args().forEach(arg -> collect(arg, into));
        }
    }

    /**
     * Renders with {@code sample} standing for every variable, to check the shape an author wrote (that a URL is still
     * a URL) without real values.
     */
    public RenderedTemplate renderSample(String sample, TemplateSink sink) throws TemplateException {
        return renderWith(null, sample, false, sink);
    }

    /**
     * Checks, without values, that every placeholder stands where {@code sink} can take it safely (for example not
     * inside SQL quotes, not in a URL's host). Without values, a placeholder outside a quoted PromQL string passes (it
     * may be a number or a duration); lint, which knows the declared parameter types, checks that case itself.
     */
    public void checkPlacement(TemplateSink sink) throws TemplateException {
        renderWith(null, "0", false, sink);
    }

    /** Renders for {@code sink}. A variable missing from {@code context} is an error naming it. */
    public RenderedTemplate render(TemplateContext context, TemplateSink sink) throws TemplateException {
        return renderWith(context, null, false, sink);
    }

    /**
     * Renders with sample values ({@code runbookctl lint}): as {@link #render}, except that a function needing a number
     * accepts a sample that is not one, since the sample stands for any value of its kind.
     */
    public RenderedTemplate check(TemplateContext samples, TemplateSink sink) throws TemplateException {
        return renderWith(samples, null, true, sink);
    }

    private RenderedTemplate renderWith(TemplateContext context, String sample, boolean lenient, TemplateSink sink)
            throws TemplateException {
        StringBuilder out = new StringBuilder();
        List<Object> binds = new ArrayList<>();
        QuoteTracker quotes = new QuoteTracker(sink);
        for (Object part : parts) {
            if (part instanceof String literal) {
                out.append(literal);
                quotes.feed(literal);
                continue;
            }
            Placeholder placeholder = (Placeholder) part;
            Object variable = placeholder.variable();
            int at = placeholder.offset();
            Object computed = context == null ? sample : valueOf(context, placeholder, lenient);
            String value = TemplateValues.text(computed);
            switch (sink) {
                case ARGV, ENV -> out.append(requireNoNul(value, placeholder));
                case TEXT -> out.append(stripControl(value));
                case PROMQL -> out.append(promql(value, placeholder, quotes));
                case SQL -> {
                    if (quotes.inComment()) {
                        throw new TemplateException(variable + " stands inside a SQL comment; move it out", at);
                    }
                    if (quotes.inside()) {
                        throw new TemplateException(
                                variable + " stands inside SQL quotes; remove the quotes, the value is bound as a"
                                        + " parameter",
                                at);
                    }
                    out.append('?');
                    // placement checks run without values: bind the sample, never null (List.copyOf refuses null)
                    binds.add(computed);
                }
                case URL -> out.append(url(value, placeholder, out));
            }
        }
        return new RenderedTemplate(out.toString(), binds);
    }

    /** The placeholder's value: one value, never a list or a map; an absent value is an error naming it. */
    private static Object valueOf(TemplateContext context, Placeholder placeholder, boolean lenient)
            throws TemplateException {
        Object value = evaluate(placeholder.expression(), context, lenient);
        if (value == null) {
            Set<TemplateVariable> named = new LinkedHashSet<>();
            collect(placeholder.expression(), named);
            TemplateVariable missing = named.stream()
                    .filter(v -> context.lookup(v).isEmpty())
                    .findFirst()
                    .orElse(null);
            throw new TemplateException(
                    "no value for " + (missing == null ? placeholder.variable() : missing), placeholder.offset());
        }
        if (value instanceof Map<?, ?> || value instanceof java.util.Collection<?>) {
            throw new TemplateException(
                    placeholder.variable() + " is a " + (value instanceof Map<?, ?> ? "map" : "list")
                            + ", not one value; name one of its "
                            + (value instanceof Map<?, ?> ? "keys (.name or ['name'])" : "elements ([0])"),
                    placeholder.offset());
        }
        return value;
    }

    private static Object evaluate(TemplateExpression expression, TemplateContext context, boolean lenient)
            throws TemplateException {
        if (expression instanceof TemplateExpression.Path path) {
            return context.lookup(path.variable()).orElse(null);
        }
        if (expression instanceof TemplateExpression.Now) {
            return now(context, expression.offset());
        }
        if (expression instanceof TemplateExpression.Literal literal) {
            return literal.value();
        }
        TemplateExpression.Call call = (TemplateExpression.Call) expression;
        List<Object> args = new ArrayList<>(call.args().size());
        boolean fallback = call.function() == TemplateFunctions.Function.DEFAULT
                || call.function() == TemplateFunctions.Function.OR;
        for (TemplateExpression arg : call.args()) {
            Object value = evaluate(arg, context, lenient);
            if (value == null && !fallback && !lenient) {
                Set<TemplateVariable> named = new LinkedHashSet<>();
                collect(arg, named);
                String missing = named.stream()
                        .filter(v -> context.lookup(v).isEmpty())
                        .map(Object::toString)
                        .findFirst()
                        .orElse(call.function().templateName() + "'s argument");
                throw new TemplateException("no value for " + missing, arg.offset());
            }
            args.add(value);
        }
        if (call.function() == TemplateFunctions.Function.SINCE) {
            args.add(now(context, call.offset()));
        }
        try {
            return TemplateFunctions.apply(call.function(), args, lenient, call.offset());
        } catch (TemplateException e) {
            if (lenient && e.getMessage().endsWith(" got no value")) {
                return "text";
            }
            throw e;
        }
    }

    private static Instant now(TemplateContext context, int offset) throws TemplateException {
        return context.now()
                .orElseThrow(() -> new TemplateException(
                        "no value for now: only a run has a moment (a diagnostic step or a condition)", offset));
    }

    /** The offset of the first {@code now} (or {@code since}, which reads it) in the source; empty when none. */
    public OptionalInt nowOffset() {
        for (Object part : parts) {
            if (part instanceof Placeholder p) {
                OptionalInt found = TemplateExpression.firstNow(p.expression());
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return OptionalInt.empty();
    }

    private static String requireNoNul(String value, Placeholder placeholder) throws TemplateException {
        if (value.indexOf('\0') >= 0) {
            throw new TemplateException(
                    "value of " + placeholder.variable() + " contains a NUL character", placeholder.offset());
        }
        return value;
    }

    private static String stripControl(String value) {
        StringBuilder sb = new StringBuilder(value.length());
        value.codePoints()
                .filter(c -> c == '\n' || c == '\t' || !Character.isISOControl(c))
                .forEach(sb::appendCodePoint);
        return sb.toString();
    }

    /**
     * A value inside a PromQL string is escaped as Prometheus' lexer reads strings: backslash, the quote that opened
     * the string (and only that one: {@code \'} inside {@code "..."} is an "unknown escape sequence"), and control
     * characters. Outside quotes only a number or a duration is accepted.
     */
    private static String promql(String value, Placeholder placeholder, QuoteTracker quotes) throws TemplateException {
        Object variable = placeholder.variable();
        if (!quotes.inside()) {
            if (PROMQL_NUMBER.matcher(value).matches()
                    || PROMQL_DURATION.matcher(value).matches()) {
                return value;
            }
            throw new TemplateException(
                    variable + " stands outside a quoted PromQL string, where only a number or a duration is"
                            + " accepted; put it inside \"...\" as a label value",
                    placeholder.offset());
        }
        char quote = quotes.quoteChar();
        if (quote == '`') {
            throw new TemplateException(
                    variable + " stands inside a raw `...` PromQL string, which cannot be escaped; use \"...\"",
                    placeholder.offset());
        }
        String text = quotes.afterRegexOperator() ? quoteRegex(value) : value;
        StringBuilder sb = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' || c == quote) {
                sb.append('\\').append(c);
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (c < 0x20 || c == 0x7f) {
                sb.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String quoteRegex(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (REGEX_META.indexOf(c) >= 0) {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /**
     * A value in a URL is one percent-encoded path segment or query component. It may not stand before the end of the
     * authority (scheme, user info, host, port), and in the path it may not be {@code .} or {@code ..}, which would
     * move the request to another path.
     */
    private static String url(String value, Placeholder placeholder, StringBuilder renderedSoFar)
            throws TemplateException {
        String prefix = renderedSoFar.toString();
        if (!authorityComplete(prefix)) {
            throw new TemplateException(
                    placeholder.variable() + " stands in the URL's scheme or host; alert data must never choose where"
                            + " a request goes",
                    placeholder.offset());
        }
        boolean inQuery = prefix.indexOf('?') >= 0 || prefix.indexOf('#') >= 0;
        if (!inQuery && (value.equals(".") || value.equals(".."))) {
            throw new TemplateException(
                    "value of " + placeholder.variable() + " is '" + value + "', which would change the URL's path",
                    placeholder.offset());
        }
        String encoded = URLEncoder.encode(value, StandardCharsets.UTF_8);
        return inQuery ? encoded : encoded.replace("+", "%20");
    }

    /**
     * True when the text so far has passed the authority: an absolute URL ({@code scheme://authority}) followed by a
     * path, query or fragment delimiter, or a path starting with a single {@code /} (not the protocol-relative
     * {@code //host}).
     */
    private static boolean authorityComplete(String prefix) {
        int scheme = prefix.indexOf("://");
        if (scheme >= 0) {
            for (int i = scheme + 3; i < prefix.length(); i++) {
                char c = prefix.charAt(i);
                if (c == '/' || c == '?' || c == '#') {
                    return true;
                }
            }
            return false;
        }
        return prefix.startsWith("/") && !prefix.startsWith("//");
    }

    @Override
    public String toString() {
        return source;
    }

    /**
     * Follows quoting through literal text, for the sinks where it matters: PromQL strings ({@code "}, {@code '},
     * {@code `}, backslash escapes) and {@code #} line comments; SQL strings and quoted identifiers ({@code '...'} with
     * {@code ''}, {@code "..."}), {@code --} line comments and {@code /* *}{@code /} block comments.
     */
    private static final class QuoteTracker {
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
}
