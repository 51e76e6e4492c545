package dev.runbookbot.testing;

import dev.runbookbot.expr.Condition;
import dev.runbookbot.expr.ConditionException;
import dev.runbookbot.expr.ConditionLanguage;
import dev.runbookbot.expr.ConditionScope;
import dev.runbookbot.expr.ValueType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A small condition language for lint tests, so they do not depend on CEL: literals, dotted variable selection,
 * comparisons, {@code &&}, {@code ||}, {@code !} and parentheses, type-checked against the scope. Like the real
 * implementation it accepts the seed's {@code ===} / {@code !==} with a note showing the rewrite. Messages follow
 * CEL's wording for the cases lint tests use.
 */
public final class FakeConditionLanguage implements ConditionLanguage {
    private enum Kind {
        NUM,
        STRING,
        BOOL,
        MAP,
        STRING_MAP,
        LIST,
        DYN;

        String label() {
            return switch (this) {
                case NUM -> "double";
                case STRING -> "string";
                case BOOL -> "bool";
                case MAP, STRING_MAP -> "map";
                case LIST -> "list";
                case DYN -> "dyn";
            };
        }
    }

    private record Token(String text, int offset) {}

    @Override
    public Condition compile(String source, ConditionScope scope) throws ConditionException {
        List<String> notes = new ArrayList<>();
        String canonical = source;
        if (canonical.contains("===")) {
            notes.add("'===' is JavaScript; write '=='");
            canonical = canonical.replace("===", "==");
        }
        if (canonical.contains("!==")) {
            notes.add("'!==' is JavaScript; write '!='");
            canonical = canonical.replace("!==", "!=");
        }
        Parser parser = new Parser(tokens(canonical), scope);
        Node root = parser.or();
        if (parser.position < parser.tokens.size()) {
            Token t = parser.tokens.get(parser.position);
            throw new ConditionException("syntax error: unexpected '" + t.text() + "'", t.offset(), "");
        }
        if (root.kind != Kind.BOOL && root.kind != Kind.DYN) {
            throw new ConditionException("condition must be a boolean, found " + root.kind.label(), 0, "");
        }
        return new FakeCondition(source, canonical, notes, parser.selections, root);
    }

    private static List<Token> tokens(String s) throws ConditionException {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
                    i++;
                }
                tokens.add(new Token(s.substring(start, i), start));
            } else if (Character.isDigit(c)) {
                int start = i;
                while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                    i++;
                }
                tokens.add(new Token(s.substring(start, i), start));
            } else if (c == '\'' || c == '"') {
                int end = s.indexOf(c, i + 1);
                if (end < 0) {
                    throw new ConditionException("syntax error: unterminated string", i, "");
                }
                tokens.add(new Token(s.substring(i, end + 1), i));
                i = end + 1;
            } else {
                String two = i + 1 < s.length() ? s.substring(i, i + 2) : "";
                if (List.of("==", "!=", "<=", ">=", "&&", "||").contains(two)) {
                    tokens.add(new Token(two, i));
                    i += 2;
                } else if ("<>!().".indexOf(c) >= 0) {
                    tokens.add(new Token(String.valueOf(c), i));
                    i++;
                } else {
                    throw new ConditionException("syntax error: unexpected '" + c + "'", i, "");
                }
            }
        }
        return tokens;
    }

    /** A typed expression node that can evaluate itself. */
    private abstract static class Node {
        final Kind kind;

        Node(Kind kind) {
            this.kind = kind;
        }

        abstract Object eval(Map<String, Object> variables) throws ConditionException;
    }

    private static final class Parser {
        final List<Token> tokens;
        final ConditionScope scope;
        final Map<String, Set<String>> selections = new java.util.HashMap<>();
        int position;

        Parser(List<Token> tokens, ConditionScope scope) {
            this.tokens = tokens;
            this.scope = scope;
        }

        private Token peek() {
            return position < tokens.size() ? tokens.get(position) : null;
        }

        private boolean accept(String text) {
            Token t = peek();
            if (t != null && t.text().equals(text)) {
                position++;
                return true;
            }
            return false;
        }

        Node or() throws ConditionException {
            Node left = and();
            while (accept("||")) {
                left = logical("||", left, and());
            }
            return left;
        }

        Node and() throws ConditionException {
            Node left = comparison();
            while (accept("&&")) {
                left = logical("&&", left, comparison());
            }
            return left;
        }

        private Node logical(String op, Node left, Node right) throws ConditionException {
            for (Node n : List.of(left, right)) {
                if (n.kind != Kind.BOOL && n.kind != Kind.DYN) {
                    throw new ConditionException(
                            "found no matching overload for '_" + op + "_' applied to '(" + left.kind.label() + ", "
                                    + right.kind.label() + ")'",
                            0,
                            "");
                }
            }
            return new Node(Kind.BOOL) {
                @Override
                Object eval(Map<String, Object> variables) throws ConditionException {
                    boolean l = Boolean.TRUE.equals(left.eval(variables));
                    return op.equals("&&")
                            ? l && Boolean.TRUE.equals(right.eval(variables))
                            : l || Boolean.TRUE.equals(right.eval(variables));
                }
            };
        }

        Node comparison() throws ConditionException {
            Node left = unary();
            Token t = peek();
            if (t == null || !List.of("==", "!=", "<", "<=", ">", ">=").contains(t.text())) {
                return left;
            }
            position++;
            Node right = unary();
            String op = t.text();
            boolean ordering = !op.equals("==") && !op.equals("!=");
            boolean compatible = left.kind == Kind.DYN
                    || right.kind == Kind.DYN
                    || (left.kind == right.kind && (!ordering || left.kind != Kind.BOOL));
            if (!compatible) {
                throw new ConditionException(
                        "found no matching overload for '_" + op + "_' applied to '(" + left.kind.label() + ", "
                                + right.kind.label() + ")'",
                        t.offset(),
                        "");
            }
            return new Node(Kind.BOOL) {
                @Override
                Object eval(Map<String, Object> variables) throws ConditionException {
                    Object l = left.eval(variables);
                    Object r = right.eval(variables);
                    if (l instanceof Number a && r instanceof Number b) {
                        int c = Double.compare(a.doubleValue(), b.doubleValue());
                        return switch (op) {
                            case "==" -> c == 0;
                            case "!=" -> c != 0;
                            case "<" -> c < 0;
                            case "<=" -> c <= 0;
                            case ">" -> c > 0;
                            default -> c >= 0;
                        };
                    }
                    if (op.equals("==") || op.equals("!=")) {
                        return op.equals("==") == Objects.equals(l, r);
                    }
                    if (l instanceof String a && r instanceof String b) {
                        int c = a.compareTo(b);
                        return switch (op) {
                            case "<" -> c < 0;
                            case "<=" -> c <= 0;
                            case ">" -> c > 0;
                            default -> c >= 0;
                        };
                    }
                    throw new ConditionException("no such overload at evaluation", t.offset(), "");
                }
            };
        }

        Node unary() throws ConditionException {
            Token t = peek();
            if (t == null) {
                throw new ConditionException("syntax error: unexpected end of condition", -1, "");
            }
            if (accept("!")) {
                Node inner = unary();
                if (inner.kind != Kind.BOOL && inner.kind != Kind.DYN) {
                    throw new ConditionException(
                            "found no matching overload for '!_' applied to '(" + inner.kind.label() + ")'",
                            t.offset(),
                            "");
                }
                return new Node(Kind.BOOL) {
                    @Override
                    Object eval(Map<String, Object> variables) throws ConditionException {
                        return !Boolean.TRUE.equals(inner.eval(variables));
                    }
                };
            }
            if (accept("(")) {
                Node inner = or();
                if (!accept(")")) {
                    throw new ConditionException("syntax error: missing ')'", t.offset(), "");
                }
                return inner;
            }
            position++;
            String text = t.text();
            if (Character.isDigit(text.charAt(0))) {
                double value = Double.parseDouble(text);
                return constant(Kind.NUM, value);
            }
            if (text.startsWith("'") || text.startsWith("\"")) {
                return constant(Kind.STRING, text.substring(1, text.length() - 1));
            }
            if (text.equals("true") || text.equals("false")) {
                return constant(Kind.BOOL, Boolean.valueOf(text));
            }
            if (!Character.isLetter(text.charAt(0)) && text.charAt(0) != '_') {
                throw new ConditionException("syntax error: unexpected '" + text + "'", t.offset(), "");
            }
            return selection(t);
        }

        private Node selection(Token root) throws ConditionException {
            ValueType type = scope.variables().get(root.text());
            if (type == null) {
                throw new ConditionException("undeclared reference to '" + root.text() + "'", root.offset(), "");
            }
            List<String> path = new ArrayList<>();
            Kind kind = kindOf(type);
            while (accept(".")) {
                Token field = peek();
                if (field == null
                        || !Character.isLetter(field.text().charAt(0))
                                && field.text().charAt(0) != '_') {
                    throw new ConditionException("syntax error: expected a field name", root.offset(), "");
                }
                position++;
                if (kind != Kind.MAP && kind != Kind.STRING_MAP && kind != Kind.DYN) {
                    throw new ConditionException(
                            "type '" + kind.label() + "' does not support field selection", field.offset(), "");
                }
                if (path.isEmpty()) {
                    selections
                            .computeIfAbsent(root.text(), k -> new LinkedHashSet<>())
                            .add(field.text());
                }
                path.add(field.text());
                kind = kind == Kind.STRING_MAP ? Kind.STRING : Kind.DYN;
            }
            String name = root.text();
            return new Node(kind) {
                @Override
                Object eval(Map<String, Object> variables) throws ConditionException {
                    Object value = variables.get(name);
                    for (String field : path) {
                        if (!(value instanceof Map<?, ?> map) || !map.containsKey(field)) {
                            throw new ConditionException("no such key: " + field, root.offset(), "");
                        }
                        value = map.get(field);
                    }
                    return value;
                }
            };
        }

        private static Node constant(Kind kind, Object value) {
            return new Node(kind) {
                @Override
                Object eval(Map<String, Object> variables) {
                    return value;
                }
            };
        }

        private static Kind kindOf(ValueType type) {
            return switch (type) {
                case BOOL -> Kind.BOOL;
                case INT, DOUBLE -> Kind.NUM;
                case STRING -> Kind.STRING;
                case STRING_LIST, MAP_LIST -> Kind.LIST;
                case STRING_MAP -> Kind.STRING_MAP;
                case MAP -> Kind.MAP;
                case DYN -> Kind.DYN;
            };
        }
    }

    private record FakeCondition(
            String source, String canonical, List<String> notes, Map<String, Set<String>> selections, Node root)
            implements Condition {
        @Override
        public Set<String> selectedFields(String variable) {
            return selections.getOrDefault(variable, Set.of());
        }

        @Override
        public boolean evaluate(Map<String, Object> variables) throws ConditionException {
            return Boolean.TRUE.equals(root.eval(variables));
        }
    }
}
