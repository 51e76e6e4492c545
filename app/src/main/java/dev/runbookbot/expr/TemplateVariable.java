package dev.runbookbot.expr;

import java.util.Locale;

/** A variable a template names, such as {@code labels.namespace}. */
public record TemplateVariable(Scope scope, String name) {
    /** Where a template variable comes from. */
    public enum Scope {
        PARAMS,
        LABELS,
        ANNOTATIONS;

        public String prefix() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @Override
    public String toString() {
        return scope.prefix() + "." + name;
    }
}
