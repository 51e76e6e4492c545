package dev.runbookbot.expr;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How one placeholder's value is written into each {@link TemplateSink}: as it is for argv and the environment (but
 * never with a NUL), without control characters for text, escaped for the PromQL string it stands in (or a bare
 * number or duration outside one), percent-encoded for a URL's path or query, never in its scheme or host. A value
 * that cannot stand where it was placed is a {@link TemplateException} naming {@code variable} at offset {@code at}.
 * SQL values are bound, never written, so they do not pass here.
 */
final class SinkEscaping {
    private static final Pattern PROMQL_NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");
    private static final Pattern PROMQL_DURATION = Pattern.compile("([0-9]+(ms|s|m|h|d|w|y))+");
    private static final String REGEX_META = "\\.+*?()|[]{}^$";

    private SinkEscaping() {}

    static String noNul(String value, Object variable, int at) throws TemplateException {
        if (value.indexOf('\0') >= 0) {
            throw new TemplateException("value of " + variable + " contains a NUL character", at);
        }
        return value;
    }

    static String withoutControl(String value) {
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
    static String promql(String value, Object variable, int at, QuoteTracker quotes) throws TemplateException {
        if (!quotes.inside()) {
            if (PROMQL_NUMBER.matcher(value).matches()
                    || PROMQL_DURATION.matcher(value).matches()) {
                return value;
            }
            throw new TemplateException(
                    variable + " stands outside a quoted PromQL string, where only a number or a duration is"
                            + " accepted; put it inside \"...\" as a label value",
                    at);
        }
        char quote = quotes.quoteChar();
        if (quote == '`') {
            throw new TemplateException(
                    variable + " stands inside a raw `...` PromQL string, which cannot be escaped; use \"...\"", at);
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
    static String url(String value, Object variable, int at, String prefix) throws TemplateException {
        if (!authorityComplete(prefix)) {
            throw new TemplateException(
                    variable + " stands in the URL's scheme or host; alert data must never choose where"
                            + " a request goes",
                    at);
        }
        boolean inQuery = prefix.indexOf('?') >= 0 || prefix.indexOf('#') >= 0;
        if (!inQuery && (value.equals(".") || value.equals(".."))) {
            throw new TemplateException(
                    "value of " + variable + " is '" + value + "', which would change the URL's path", at);
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
}
