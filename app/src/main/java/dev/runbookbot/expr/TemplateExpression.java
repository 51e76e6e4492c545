package dev.runbookbot.expr;

import java.util.List;

/**
 * What a placeholder computes: a variable ({@link Path}), a literal written by the runbook's author ({@link Literal}),
 * or a function of other expressions ({@link Call}, see {@link TemplateFunctions}). {@code offset} is where the
 * expression starts in the template source, for error messages.
 */
sealed interface TemplateExpression {
    int offset();

    /** A variable: {@code labels.pod}, {@code diagnostics.find_pod.samples[0].labels.pod}. */
    record Path(TemplateVariable variable, int offset) implements TemplateExpression {}

    /** A string or number the author wrote. */
    record Literal(Object value, int offset) implements TemplateExpression {}

    /** A function applied to its arguments (a piped value is the last argument). */
    record Call(TemplateFunctions.Function function, List<TemplateExpression> args, int offset)
            implements TemplateExpression {
        public Call {
            args = List.copyOf(args);
        }
    }
}
