package dev.runbookbot.expr;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A string with {@code {{ scope.name }}} placeholders, parsed once. Rendering is sink-aware (see {@link TemplateSink}):
 * a value is always data, escaped or bound for the place it lands, and never parsed again, so a value that itself
 * contains {@code {{} stays literal text. Immutable and thread-safe.
 */
public final class Template {
    private static final Pattern PLACEHOLDER =
            Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\.([A-Za-z_][A-Za-z0-9_]*)\\s*}}");
    private static final Pattern PROMQL_NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");
    private static final Pattern PROMQL_DURATION = Pattern.compile("([0-9]+(ms|s|m|h|d|w|y))+");
    private static final String REGEX_META = "\\.+*?()|[]{}^$";

    private final String source;
    private final List<Object> parts; // String literal or TemplateVariable, in order

    private Template(String source, List<Object> parts) {
        this.source = source;
        this.parts = List.copyOf(parts);
    }

    /** Parses {@code source}; a {@code {{} that does not open a valid {@code scope.name} placeholder is an error. */
    public static Template parse(String source) throws TemplateException {
        List<Object> parts = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(source);
        int last = 0;
        while (m.find()) {
            checkNoStrayBraces(source, last, m.start());
            if (m.start() > last) {
                parts.add(source.substring(last, m.start()));
            }
            parts.add(variable(m.group(1), m.group(2), m.start()));
            last = m.end();
        }
        checkNoStrayBraces(source, last, source.length());
        if (last < source.length()) {
            parts.add(source.substring(last));
        }
        return new Template(source, parts);
    }

    /** True when {@code text} contains at least one placeholder (or something that tries to be one). */
    public static boolean isTemplated(String text) {
        return text != null && text.contains("{{");
    }

    private static void checkNoStrayBraces(String source, int from, int to) throws TemplateException {
        int at = source.indexOf("{{", from);
        if (at >= 0 && at < to) {
            throw new TemplateException(
                    "malformed placeholder; write {{ params.<name> }}, {{ labels.<name> }} or {{ annotations.<name> }}",
                    at);
        }
    }

    private static TemplateVariable variable(String scope, String name, int offset) throws TemplateException {
        for (TemplateVariable.Scope s : TemplateVariable.Scope.values()) {
            if (s.prefix().equals(scope)) {
                return new TemplateVariable(s, name);
            }
        }
        throw new TemplateException(
                "unknown template scope '" + scope + "'; use params, labels or annotations", offset + 2);
    }

    public String source() {
        return source;
    }

    /** The variables this template names, in order of first use. */
    public Set<TemplateVariable> variables() {
        Set<TemplateVariable> vars = new LinkedHashSet<>();
        for (Object part : parts) {
            if (part instanceof TemplateVariable v) {
                vars.add(v);
            }
        }
        return vars;
    }

    /**
     * Checks, without values, that every placeholder stands where {@code sink} can take it safely (for example not
     * inside SQL quotes, not in a URL's host). Lint calls this at load time.
     */
    public void checkPlacement(TemplateSink sink) throws TemplateException {
        renderWith(null, sink);
    }

    /** Renders for {@code sink}. A variable missing from {@code context} is an error naming it. */
    public RenderedTemplate render(TemplateContext context, TemplateSink sink) throws TemplateException {
        return renderWith(context, sink);
    }

    private RenderedTemplate renderWith(TemplateContext context, TemplateSink sink) throws TemplateException {
        StringBuilder out = new StringBuilder();
        List<Object> binds = new ArrayList<>();
        QuoteTracker quotes = new QuoteTracker(sink);
        for (Object part : parts) {
            if (part instanceof String literal) {
                out.append(literal);
                quotes.feed(literal);
                continue;
            }
            TemplateVariable variable = (TemplateVariable) part;
            String value = context == null ? "0" : valueOf(context, variable);
            switch (sink) {
                case ARGV, ENV -> out.append(requireNoNul(value, variable));
                case TEXT -> out.append(stripControl(value));
                case PROMQL -> out.append(promql(value, variable, quotes));
                case SQL -> {
                    if (quotes.inside()) {
                        throw new TemplateException(
                                variable + " stands inside SQL quotes; remove the quotes, the value is bound as a"
                                        + " parameter",
                                source.indexOf("{{"));
                    }
                    out.append('?');
                    binds.add(context == null ? value : context.lookup(variable).orElseThrow());
                }
                case URL -> out.append(url(value, variable, out));
            }
        }
        return new RenderedTemplate(out.toString(), binds);
    }

    private static String valueOf(TemplateContext context, TemplateVariable variable) throws TemplateException {
        Object value =
                context.lookup(variable).orElseThrow(() -> new TemplateException("no value for " + variable, -1));
        if (value instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
            return Long.toString(d.longValue());
        }
        return String.valueOf(value);
    }

    private static String requireNoNul(String value, TemplateVariable variable) throws TemplateException {
        if (value.indexOf('\0') >= 0) {
            throw new TemplateException("value of " + variable + " contains a NUL character", -1);
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

    private String promql(String value, TemplateVariable variable, QuoteTracker quotes) throws TemplateException {
        if (!quotes.inside()) {
            if (PROMQL_NUMBER.matcher(value).matches()
                    || PROMQL_DURATION.matcher(value).matches()) {
                return value;
            }
            throw new TemplateException(
                    variable + " stands outside a quoted PromQL string, where only a number or a duration is"
                            + " accepted; put it inside \"...\" as a label value",
                    source.indexOf("{{"));
        }
        if (quotes.quoteChar() == '`') {
            throw new TemplateException(
                    variable + " stands inside a raw `...` PromQL string, which cannot be escaped; use \"...\"",
                    source.indexOf("{{"));
        }
        String text = quotes.afterRegexOperator() ? quoteRegex(value) : value;
        StringBuilder sb = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append("\\\"");
                case '\'' -> sb.append("\\'");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
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

    private String url(String value, TemplateVariable variable, StringBuilder renderedSoFar) throws TemplateException {
        String prefix = renderedSoFar.toString();
        int scheme = prefix.indexOf("://");
        boolean authorityDone = scheme >= 0 && prefix.indexOf('/', scheme + 3) >= 0;
        if (!authorityDone && !prefix.startsWith("/")) {
            throw new TemplateException(
                    variable + " stands in the URL's scheme or host; alert data must never choose where a request"
                            + " goes",
                    source.indexOf("{{"));
        }
        boolean inQuery = prefix.indexOf('?') >= 0 || prefix.indexOf('#') >= 0;
        String encoded = URLEncoder.encode(value, StandardCharsets.UTF_8);
        return inQuery ? encoded : encoded.replace("+", "%20");
    }

    @Override
    public String toString() {
        return source;
    }

    /** Follows quoting through literal text, for the sinks where it matters. */
    private static final class QuoteTracker {
        private final TemplateSink sink;
        private char quote; // 0 when outside quotes
        private boolean regex;
        private final StringBuilder recent = new StringBuilder();

        QuoteTracker(TemplateSink sink) {
            this.sink = sink;
        }

        boolean inside() {
            return quote != 0;
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
            for (int i = 0; i < literal.length(); i++) {
                char c = literal.charAt(i);
                if (quote == 0) {
                    if (c == '"' || c == '\'' || (c == '`' && sink == TemplateSink.PROMQL)) {
                        quote = c;
                        regex = sink == TemplateSink.PROMQL && endsWithRegexOperator();
                    } else if (!Character.isWhitespace(c)) {
                        recent.append(c);
                        if (recent.length() > 4) {
                            recent.deleteCharAt(0);
                        }
                    }
                } else if (c == '\\' && sink == TemplateSink.PROMQL && quote != '`') {
                    i++; // skip the escaped character
                } else if (c == quote) {
                    if (sink == TemplateSink.SQL && i + 1 < literal.length() && literal.charAt(i + 1) == quote) {
                        i++; // '' inside a SQL string
                    } else {
                        quote = 0;
                        recent.setLength(0);
                    }
                }
            }
        }

        private boolean endsWithRegexOperator() {
            String r = recent.toString();
            return r.endsWith("=~") || r.endsWith("!~");
        }
    }
}
