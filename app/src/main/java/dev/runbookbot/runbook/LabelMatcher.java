package dev.runbookbot.runbook;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One label matcher of a trigger ({@code matchers: {label: value}}), with Alertmanager's operators: a plain value is
 * compared exactly (the label must be present), {@code =~regex} holds when the label's value matches the regular
 * expression and {@code !~regex} when it does not. A regular expression is anchored at both ends, as in Alertmanager
 * ({@code =~pgbouncer.*} matches {@code pgbouncer-2}, not {@code my-pgbouncer}), and a missing label reads as the empty
 * text, as in Alertmanager. Regular expressions are RE2 syntax as Java reads it: the constructs RE2 does not have
 * (lookaround, backreferences, atomic groups, possessive quantifiers) are refused, so the same matcher means the same
 * thing in an Alertmanager route and here, and matching stays linear. Immutable and thread-safe.
 */
public final class LabelMatcher {
    /** How a matcher compares; {@code operator} is how it is written before a regular expression. */
    public enum Kind {
        EQUALS(""),
        MATCHES("=~"),
        DOES_NOT_MATCH("!~");

        private final String operator;

        Kind(String operator) {
            this.operator = operator;
        }

        public String operator() {
            return operator;
        }
    }

    /** Constructs of Java's regular expressions that RE2 does not have. */
    private static final Pattern NOT_RE2 = Pattern.compile("\\(\\?<?[=!]|\\(\\?>|\\\\[1-9]|\\\\k<|[*+?}]\\+");

    private final String label;
    private final Kind kind;
    private final String value;
    private final int valueOffset;
    private final Optional<Pattern> pattern;
    private final Optional<String> syntaxError;
    private final int errorOffset;

    private LabelMatcher(String label, Kind kind, String value, int valueOffset) {
        this.label = label;
        this.kind = kind;
        this.value = value;
        this.valueOffset = valueOffset;
        Pattern compiled = null;
        String error = null;
        int at = -1;
        if (kind != Kind.EQUALS) {
            Matcher unsupported = NOT_RE2.matcher(value);
            if (unsupported.find()) {
                error = "'" + unsupported.group()
                        + "' is not RE2 syntax (no lookaround, backreferences, atomic groups or"
                        + " possessive quantifiers)";
                at = unsupported.start();
            } else {
                try {
                    compiled = Pattern.compile(value);
                } catch (PatternSyntaxException e) {
                    error = e.getDescription() + " in regular expression '" + value + "'";
                    at = Math.max(0, e.getIndex());
                }
            }
        }
        this.pattern = Optional.ofNullable(compiled);
        this.syntaxError = Optional.ofNullable(error);
        this.errorOffset = at < 0 ? -1 : valueOffset + at;
    }

    /** The matcher written as {@code label: written}. */
    public static LabelMatcher parse(String label, String written) {
        for (Kind kind : new Kind[] {Kind.MATCHES, Kind.DOES_NOT_MATCH}) {
            if (written.startsWith(kind.operator())) {
                String rest = written.substring(kind.operator().length());
                int leading = rest.length() - rest.stripLeading().length();
                return new LabelMatcher(
                        label, kind, rest.strip(), kind.operator().length() + leading);
            }
        }
        return new LabelMatcher(label, Kind.EQUALS, written, 0);
    }

    public String label() {
        return label;
    }

    public Kind kind() {
        return kind;
    }

    /** The exact value, or the regular expression without its operator. */
    public String value() {
        return value;
    }

    /** Why the regular expression cannot be used; empty for a usable matcher. */
    public Optional<String> syntaxError() {
        return syntaxError;
    }

    /** Where in the written value the syntax error is (character offset), or -1. */
    public int errorOffset() {
        return errorOffset;
    }

    /** Where in the written value the regular expression starts (after the operator). */
    public int valueOffset() {
        return valueOffset;
    }

    /** Whether the matcher holds for an alert with these labels; a matcher that cannot be used never holds. */
    public boolean holds(Map<String, String> labels) {
        String actual = labels.get(label);
        return switch (kind) {
            case EQUALS -> value.equals(actual);
            case MATCHES ->
                pattern.isPresent()
                        && pattern.get().matcher(actual == null ? "" : actual).matches();
            case DOES_NOT_MATCH ->
                pattern.isPresent()
                        && !pattern.get().matcher(actual == null ? "" : actual).matches();
        };
    }

    /**
     * Whether no alert can satisfy this matcher and {@code other} (on the same label) together, as far as can be told
     * without solving regular expressions: different exact values, an exact value the other's regular expression
     * rules out, or the same regular expression required and refused.
     */
    public boolean excludes(LabelMatcher other) {
        if (!label.equals(other.label)) {
            return false;
        }
        if (kind == Kind.EQUALS && other.kind == Kind.EQUALS) {
            return !value.equals(other.value);
        }
        if (kind == Kind.EQUALS) {
            return !other.holds(Map.of(label, value));
        }
        if (other.kind == Kind.EQUALS) {
            return !holds(Map.of(label, other.value));
        }
        return kind != other.kind && value.equals(other.value);
    }

    /** As written in a runbook: {@code label=value}, {@code label=~regex}, {@code label!~regex}. */
    @Override
    public String toString() {
        return label + (kind == Kind.EQUALS ? "=" : kind.operator()) + value;
    }
}
