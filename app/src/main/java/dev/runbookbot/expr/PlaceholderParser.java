package dev.runbookbot.expr;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses what stands between {@code {{} and {@code }}}, in the spelling of Prometheus alert templates (Go
 * templates): a pipeline of commands separated by {@code |}, where each command is an operand or a function with its
 * arguments, and a piped value becomes the last argument of the next function ({@code labels.pod | default "n/a"}).
 *
 * <ul>
 *   <li>A variable is {@code scope.name} for {@code params}, {@code labels} and {@code annotations} (a name that is not
 *       an identifier, such as {@code app.kubernetes.io/name}, is written {@code labels['app.kubernetes.io/name']}),
 *       or {@code diagnostics.<step>.<fact>} followed by any keys ({@code .pod}, {@code ['k']}) and list indexes
 *       ({@code [0]}) into the fact's value.
 *   <li>{@code item} is a {@code forEach} loop's current element, alone or followed by keys and indexes
 *       ({@code item.labels.pod}).
 *   <li>{@code now} is the run's frozen instant.
 *   <li>A literal is a string ({@code "..."} with backslash escapes, or {@code `...`} raw) or a number.
 *   <li>Parentheses group a pipeline as one operand: {@code printf "%s/%s" labels.ns (labels.pod | toLower)}.
 * </ul>
 *
 * Not thread-safe: one instance parses one placeholder.
 */
final class PlaceholderParser {
    static final String MALFORMED =
            "malformed placeholder; write {{ params.<name> }}, {{ labels.<name> }} or {{ annotations.<name> }}";

    /** The run's moment: {@code {{ now }}}, {@code {{ now | date }}}. */
    static final String NOW = "now";

    private final String text;
    private final int base; // offset of text in the template source
    private final int braces; // offset of the placeholder's {{ in the template source
    private int at;

    private PlaceholderParser(String text, int base, int braces) {
        this.text = text;
        this.base = base;
        this.braces = braces;
    }

    /** The expression in {@code text}, which starts at {@code base} of a placeholder whose braces are at {@code braces}. */
    static TemplateExpression expression(String text, int base, int braces) throws TemplateException {
        PlaceholderParser parser = new PlaceholderParser(text, base, braces);
        TemplateExpression expression = parser.pipeline();
        parser.skipSpace();
        if (parser.at != text.length()) {
            throw parser.malformed();
        }
        return expression;
    }

    private TemplateExpression pipeline() throws TemplateException {
        TemplateExpression value = command(null);
        skipSpace();
        while (at < text.length() && text.charAt(at) == '|') {
            at++;
            value = command(value);
            skipSpace();
        }
        return value;
    }

    /** One command; {@code piped} is the value of the command before it, if any. */
    private TemplateExpression command(TemplateExpression piped) throws TemplateException {
        skipSpace();
        int start = at;
        String word = peekIdentifier();
        if (NOW.equals(word) && piped == null && !followedByDot(word)) {
            at += word.length();
            return new TemplateExpression.Now(base + start);
        }
        if (word != null
                && !TemplateVariable.Scope.isPrefix(word)
                && !(at + word.length() < text.length() && text.charAt(at + word.length()) == '.')) {
            at += word.length();
            TemplateFunctions.Function function = TemplateFunctions.named(word, base + start);
            List<TemplateExpression> args = new ArrayList<>();
            TemplateExpression operand;
            while ((operand = operand()) != null) {
                args.add(operand);
            }
            if (piped != null) {
                args.add(piped);
            }
            function.check(args, base + start);
            return new TemplateExpression.Call(function, args, base + start);
        }
        if (piped != null) {
            throw new TemplateException("after '|' comes a function, such as default or humanize", base + start);
        }
        TemplateExpression operand = operand();
        if (operand == null) {
            throw malformed();
        }
        skipSpace();
        if (at < text.length() && text.charAt(at) != '|' && text.charAt(at) != ')') {
            throw malformed();
        }
        return operand;
    }

    /** An operand, or null when none starts here (end, '|' or ')'). */
    private TemplateExpression operand() throws TemplateException {
        skipSpace();
        if (at >= text.length()) {
            return null;
        }
        int start = at;
        char c = text.charAt(at);
        if (c == '|' || c == ')') {
            return null;
        }
        if (c == '(') {
            at++;
            TemplateExpression inner = pipeline();
            skipSpace();
            if (at >= text.length() || text.charAt(at) != ')') {
                throw malformed();
            }
            at++;
            return inner;
        }
        if (c == '"' || c == '`') {
            return new TemplateExpression.Literal(string(), base + start);
        }
        if (c == '-' || isDigit(c)) {
            at++;
            while (at < text.length() && (isDigit(text.charAt(at)) || text.charAt(at) == '.')) {
                at++;
            }
            try {
                String number = text.substring(start, at);
                Object value = number.contains(".") ? (Object) Double.parseDouble(number) : Long.parseLong(number);
                return new TemplateExpression.Literal(value, base + start);
            } catch (NumberFormatException e) {
                throw malformed();
            }
        }
        String word = peekIdentifier();
        if (word == null) {
            throw malformed();
        }
        if (NOW.equals(word) && !followedByDot(word)) {
            at += word.length();
            return new TemplateExpression.Now(base + start);
        }
        if (!TemplateVariable.Scope.isPrefix(word) && !followedByDot(word)) {
            // a function name where an operand belongs: arguments of functions are variables or literals
            throw new TemplateException(
                    "'" + word + "' stands where a value belongs; put a function call in parentheses", base + start);
        }
        return new TemplateExpression.Path(path(), base + start);
    }

    private TemplateVariable path() throws TemplateException {
        int scopeAt = at;
        String scopeName = identifier();
        TemplateVariable.Scope scope = null;
        for (TemplateVariable.Scope s : TemplateVariable.Scope.values()) {
            if (s.prefix().equals(scopeName)) {
                scope = s;
            }
        }
        if (scope == null) {
            throw new TemplateException(
                    "unknown template scope '" + scopeName + "'; use params, labels, annotations or diagnostics",
                    base + scopeAt);
        }
        if (scope == TemplateVariable.Scope.ITEM) {
            List<Object> path = new ArrayList<>();
            Object next;
            while ((next = segment()) != null) {
                path.add(next);
            }
            if (at < text.length()
                    && !Character.isWhitespace(text.charAt(at))
                    && text.charAt(at) != '|'
                    && text.charAt(at) != ')') {
                throw malformed();
            }
            return TemplateVariable.item(path);
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
        boolean ends = at >= text.length()
                || Character.isWhitespace(text.charAt(at))
                || text.charAt(at) == '|'
                || text.charAt(at) == ')';
        if ((flat && !path.isEmpty()) || (flat && !ends)) {
            throw DottedNames.mistake(text, braces, scope, scopeAt);
        }
        if (flat != path.isEmpty() || !ends) {
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
            element = quotedKey();
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
    private String quotedKey() throws TemplateException {
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

    /** A string literal: {@code "..."} with Go's escapes {@code \" \\ \n \t}, or a raw {@code `...`}. */
    private String string() throws TemplateException {
        int start = at;
        char quote = text.charAt(at++);
        StringBuilder value = new StringBuilder();
        while (at < text.length() && text.charAt(at) != quote) {
            char c = text.charAt(at++);
            if (c == '\\' && quote == '"' && at < text.length()) {
                char escaped = text.charAt(at++);
                c = switch (escaped) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case '"', '\\' -> escaped;
                    default ->
                        throw new TemplateException(
                                "unknown escape \\" + escaped + " in a template string", base + at - 2);
                };
            }
            value.append(c);
        }
        if (at >= text.length()) {
            throw new TemplateException("unterminated string in a placeholder", base + start);
        }
        at++;
        return value.toString();
    }

    private String peekIdentifier() {
        int save = at;
        String word = identifier();
        at = save;
        return word;
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

    private boolean followedByDot(String word) {
        return at + word.length() < text.length() && text.charAt(at + word.length()) == '.';
    }

    static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    static boolean isDigit(char c) {
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
