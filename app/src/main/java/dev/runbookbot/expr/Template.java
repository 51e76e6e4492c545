package dev.runbookbot.expr;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A string with {@code {{ scope.name }}} placeholders, parsed once. Rendering is sink-aware (see {@link TemplateSink}):
 * a value is always data, escaped or bound for the place it lands, and never parsed again, so a value that itself
 * contains {@code {{} stays literal text. Immutable and thread-safe.
 */
public final class Template {

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
            int close = closing(source, open);
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
                case ARGV, ENV -> out.append(SinkEscaping.noNul(value, variable, at));
                case TEXT -> out.append(SinkEscaping.withoutControl(value));
                case PROMQL -> out.append(SinkEscaping.promql(value, variable, at, quotes));
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
                case URL -> out.append(SinkEscaping.url(value, variable, at, out.toString()));
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

    @Override
    public String toString() {
        return source;
    }

    /**
     * The offset, in {@code source}, of the {@code }}} that closes the placeholder opened at {@code open}, skipping
     * quoted strings; -1 when there is none.
     */
    private static int closing(String source, int open) {
        char quote = 0;
        for (int i = open + 2; i < source.length(); i++) {
            char c = source.charAt(i);
            if (quote != 0) {
                if (c == '\\' && quote == '"') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '`') {
                quote = c;
            } else if (c == '}' && i + 1 < source.length() && source.charAt(i + 1) == '}') {
                return i;
            }
        }
        return -1;
    }
}
