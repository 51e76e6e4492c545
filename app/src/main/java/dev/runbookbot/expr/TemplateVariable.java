package dev.runbookbot.expr;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A variable a template names, such as {@code labels.namespace}, {@code labels['app.kubernetes.io/name']} or
 * {@code diagnostics.find_pod.samples[0].labels.pod}. {@code name} is the key in its scope (a parameter, a label, an
 * annotation, or a step id); {@code path} goes on into the value found there, each element a key ({@link String}) or
 * a list index ({@link Integer}). Only {@code diagnostics} values (the facts of an earlier step) and {@code item} (a loop's
 * current element, whose name is empty) have a path.
 */
public record TemplateVariable(Scope scope, String name, List<Object> path) {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** Where a template variable comes from. */
    public enum Scope {
        PARAMS,
        LABELS,
        ANNOTATIONS,
        /** The facts of an earlier step the templated step {@code needs}: {@code diagnostics.<step id>.<fact>}. */
        DIAGNOSTICS,
        /**
         * The current element of a {@code forEach} loop: {@code item}, or a key or index into it ({@code item.pod},
         * {@code item.labels.node}, {@code item[0]}). Its name is empty; everything after {@code item} is the path.
         */
        ITEM;

        public String prefix() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Whether {@code word} is the prefix of a scope ({@code params}, {@code labels}, ...). */
        static boolean isPrefix(String word) {
            for (Scope s : values()) {
                if (s.prefix().equals(word)) {
                    return true;
                }
            }
            return false;
        }
    }

    public TemplateVariable {
        path = List.copyOf(path);
        for (Object element : path) {
            if (!(element instanceof String) && !(element instanceof Integer)) {
                throw new IllegalArgumentException("a path element is a key or an index, not " + element);
            }
        }
    }

    public TemplateVariable(Scope scope, String name) {
        this(scope, name, List.of());
    }

    /** The fact this variable reads, for a {@code diagnostics} variable with a path; empty otherwise. */
    public java.util.Optional<String> fact() {
        return scope == Scope.DIAGNOSTICS && !path.isEmpty() && path.get(0) instanceof String fact
                ? java.util.Optional.of(fact)
                : java.util.Optional.empty();
    }

    /** {@code item} itself, or a path into it: the loop's current element. */
    public static TemplateVariable item(List<Object> path) {
        return new TemplateVariable(Scope.ITEM, "", path);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(scope.prefix());
        if (scope != Scope.ITEM) {
            append(text, name);
        }
        for (Object element : path) {
            if (element instanceof Integer index) {
                text.append('[').append(index).append(']');
            } else {
                append(text, (String) element);
            }
        }
        return text.toString();
    }

    private static void append(StringBuilder text, String key) {
        if (IDENTIFIER.matcher(key).matches()) {
            text.append('.').append(key);
        } else {
            text.append("['")
                    .append(key.replace("\\", "\\\\").replace("'", "\\'"))
                    .append("']");
        }
    }
}
