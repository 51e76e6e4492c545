package dev.runbookbot.expr;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses what stands between {@code {{} and {@code }}}: a variable, {@code scope.name} for {@code params},
 * {@code labels} and {@code annotations} (a name that is not an identifier, such as {@code app.kubernetes.io/name},
 * is written {@code labels['app.kubernetes.io/name']}), or {@code diagnostics.<step>.<fact>} followed by any keys
 * ({@code .pod}, {@code ['k']}) and list indexes ({@code [0]}) into the fact's value. Not thread-safe: one instance
 * parses one placeholder.
 */
final class PlaceholderParser {
    static final String MALFORMED =
            "malformed placeholder; write {{ params.<name> }}, {{ labels.<name> }} or {{ annotations.<name> }}";

    private final String text;
    private final int base; // offset of text in the template source
    private final int braces; // offset of the placeholder's {{ in the template source
    private int at;

    private PlaceholderParser(String text, int base, int braces) {
        this.text = text;
        this.base = base;
        this.braces = braces;
    }

    /** The variable in {@code text}, which starts at {@code base} of a placeholder whose braces are at {@code braces}. */
    static TemplateVariable variable(String text, int base, int braces) throws TemplateException {
        PlaceholderParser parser = new PlaceholderParser(text, base, braces);
        parser.skipSpace();
        TemplateVariable variable = parser.path();
        parser.skipSpace();
        if (parser.at != text.length()) {
            throw parser.malformed();
        }
        return variable;
    }

    private TemplateVariable path() throws TemplateException {
        int scopeAt = at;
        String scopeName = identifier();
        if (scopeName == null) {
            throw malformed();
        }
        TemplateVariable.Scope scope = null;
        for (TemplateVariable.Scope s : TemplateVariable.Scope.values()) {
            if (s.prefix().equals(scopeName)) {
                scope = s;
            }
        }
        if (scope == null) {
            if (at < text.length() && text.charAt(at) == '.') {
                throw new TemplateException(
                        "unknown template scope '" + scopeName + "'; use params, labels, annotations or diagnostics",
                        base + scopeAt);
            }
            throw malformed();
        }
        Object name = segment();
        if (!(name instanceof String key)) {
            throw malformed();
        }
        List<Object> path = new ArrayList<>();
        Object next;
        while ((next = segment()) != null) {
            path.add(next);
        }
        boolean flat = scope != TemplateVariable.Scope.DIAGNOSTICS;
        if (flat != path.isEmpty()) {
            throw malformed();
        }
        return new TemplateVariable(scope, key, path);
    }

    /** {@code .name}, {@code ['key']}, {@code ["key"]} or {@code [3]}; null when none starts here. */
    private Object segment() throws TemplateException {
        if (at >= text.length()) {
            return null;
        }
        char c = text.charAt(at);
        if (c == '.') {
            at++;
            String name = identifier();
            if (name == null) {
                throw malformed();
            }
            return name;
        }
        if (c != '[') {
            return null;
        }
        at++;
        Object element;
        if (at < text.length() && (text.charAt(at) == '\'' || text.charAt(at) == '"')) {
            element = quoted();
        } else {
            int start = at;
            while (at < text.length() && isDigit(text.charAt(at))) {
                at++;
            }
            if (start == at || at - start > 6) {
                throw malformed();
            }
            element = Integer.parseInt(text.substring(start, at));
        }
        if (at >= text.length() || text.charAt(at) != ']') {
            throw malformed();
        }
        at++;
        return element;
    }

    /** A quoted key; backslash escapes the next character. */
    private String quoted() throws TemplateException {
        char quote = text.charAt(at++);
        StringBuilder key = new StringBuilder();
        while (at < text.length() && text.charAt(at) != quote) {
            char c = text.charAt(at++);
            if (c == '\\' && at < text.length()) {
                c = text.charAt(at++);
            }
            key.append(c);
        }
        if (at >= text.length()) {
            throw malformed();
        }
        at++;
        return key.toString();
    }

    private String identifier() {
        int start = at;
        if (at < text.length() && isLetter(text.charAt(at))) {
            at++;
            while (at < text.length() && (isLetter(text.charAt(at)) || isDigit(text.charAt(at)))) {
                at++;
            }
        }
        return start == at ? null : text.substring(start, at);
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private void skipSpace() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }

    private TemplateException malformed() {
        return new TemplateException(MALFORMED, braces);
    }
}
