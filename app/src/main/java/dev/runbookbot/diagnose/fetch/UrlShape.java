package dev.runbookbot.diagnose.fetch;

import java.util.Optional;
import okhttp3.HttpUrl;

/**
 * What okhttp's {@link HttpUrl#parse} makes of a URL, found without okhttp for the URLs runbooks and settings hold: an
 * http(s) scheme, a plain host name or IPv4 address, an optional port, and whether it carries a user name, a password,
 * a query or a fragment. Lint checks step configs with it, so {@code runbookctl lint} loads no okhttp, Kotlin or IDN
 * tables (their first {@code HttpUrl.parse} cost some 40 ms of CPU); the requests themselves are still built with
 * okhttp.
 *
 * <p>The same rules as okhttp, by construction: the URL is split exactly as {@code HttpUrl.Builder.parse} splits it
 * (scheme, then any number of slashes or backslashes, user info up to the last {@code @} of the authority, host, port,
 * path, {@code ?query}, {@code #fragment}); a host that is not plain ASCII letters, digits and {@code -._~!$&'()*+,;=}
 * in labels of 1 to 63 characters (an IPv6 literal, a percent-encoded or international name, an empty label) is left
 * to okhttp itself. {@code UrlShapeTest} holds the two to the same answers. Stateless.
 */
public record UrlShape(boolean hasUsername, boolean hasPassword, boolean hasQuery, boolean hasFragment) {
    private static final String PLAIN_HOST_PUNCTUATION = "-._~!$&'()*+,;=";

    /** The shape of {@code text}, or empty where {@code HttpUrl.parse(text)} gives null. */
    public static Optional<UrlShape> of(String text) {
        int pos = 0;
        int limit = text.length();
        while (pos < limit && isAsciiWhitespace(text.charAt(pos))) {
            pos++;
        }
        while (limit > pos && isAsciiWhitespace(text.charAt(limit - 1))) {
            limit--;
        }
        if (schemeDelimiter(text, pos, limit) == -1) {
            return Optional.empty();
        }
        if (text.regionMatches(true, pos, "https:", 0, 6)) {
            pos += 6;
        } else if (text.regionMatches(true, pos, "http:", 0, 5)) {
            pos += 5;
        } else {
            return Optional.empty();
        }
        while (pos < limit && (text.charAt(pos) == '/' || text.charAt(pos) == '\\')) {
            pos++;
        }
        boolean hasUsername = false;
        boolean hasPassword = false;
        boolean username = false;
        boolean password = false;
        int delimiter;
        while (true) {
            delimiter = delimiterOffset(text, "@/\\?#", pos, limit);
            if (delimiter == limit || text.charAt(delimiter) != '@') {
                break;
            }
            if (!hasPassword) {
                int colon = delimiterOffset(text, ":", pos, delimiter);
                username |= hasUsername || hasContent(text, pos, colon);
                if (colon != delimiter) {
                    hasPassword = true;
                    password = hasContent(text, colon + 1, delimiter);
                }
                hasUsername = true;
            } else {
                password = true;
            }
            pos = delimiter + 1;
        }
        int portColon = portColonOffset(text, pos, delimiter);
        String host = text.substring(pos, portColon);
        if (!isPlainHost(host)) {
            return okhttps(text);
        }
        if (portColon + 1 < delimiter && !isPort(text.substring(portColon + 1, delimiter))) {
            return Optional.empty();
        }
        int pathEnd = delimiterOffset(text, "?#", delimiter, limit);
        boolean query = pathEnd < limit && text.charAt(pathEnd) == '?';
        boolean fragment = delimiterOffset(text, "#", pathEnd, limit) < limit;
        return Optional.of(new UrlShape(username, password, query, fragment));
    }

    /** okhttp's own answer, for the hosts this class does not judge. */
    private static Optional<UrlShape> okhttps(String text) {
        HttpUrl url = HttpUrl.parse(text);
        return url == null
                ? Optional.empty()
                : Optional.of(new UrlShape(
                        !url.username().isEmpty(),
                        !url.password().isEmpty(),
                        url.query() != null,
                        url.fragment() != null));
    }

    /** Letters, digits and the punctuation okhttp keeps as it is, in dot-separated labels of 1 to 63 characters. */
    private static boolean isPlainHost(String host) {
        if (host.isEmpty()) {
            return false;
        }
        int label = 0;
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c == '.') {
                if (label == 0) {
                    return false;
                }
                label = 0;
                continue;
            }
            boolean plain = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || PLAIN_HOST_PUNCTUATION.indexOf(c) >= 0;
            if (!plain || ++label > 63) {
                return false;
            }
        }
        return label > 0;
    }

    /** A port as okhttp reads one: an ASCII integer from 1 to 65535 ({@code Integer.parseInt}, so a sign is allowed). */
    private static boolean isPort(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        try {
            int port = Integer.parseInt(text);
            return port >= 1 && port <= 65535;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Whether okhttp keeps anything of {@code [from, to)} in user info: it drops tabs, line feeds and carriage returns. */
    private static boolean hasContent(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c != '\t' && c != '\n' && c != '\f' && c != '\r') {
                return true;
            }
        }
        return false;
    }

    private static boolean isAsciiWhitespace(char c) {
        return c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' ';
    }

    /** Where the scheme's colon is, or -1 when the text does not start with a scheme. */
    private static int schemeDelimiter(String text, int pos, int limit) {
        if (limit - pos < 2) {
            return -1;
        }
        char first = text.charAt(pos);
        if ((first < 'a' || first > 'z') && (first < 'A' || first > 'Z')) {
            return -1;
        }
        for (int i = pos + 1; i < limit; i++) {
            char c = text.charAt(i);
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '+'
                    || c == '-'
                    || c == '.') {
                continue;
            }
            return c == ':' ? i : -1;
        }
        return -1;
    }

    private static int delimiterOffset(String text, String delimiters, int pos, int limit) {
        for (int i = pos; i < limit; i++) {
            if (delimiters.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return limit;
    }

    /** The port's colon in {@code [pos, limit)}, skipping an IPv6 literal in brackets, or {@code limit}. */
    private static int portColonOffset(String text, int pos, int limit) {
        int i = pos;
        while (i < limit) {
            char c = text.charAt(i);
            if (c == '[') {
                while (++i < limit) {
                    if (text.charAt(i) == ']') {
                        break;
                    }
                }
            } else if (c == ':') {
                return i;
            }
            i++;
        }
        return limit;
    }
}
