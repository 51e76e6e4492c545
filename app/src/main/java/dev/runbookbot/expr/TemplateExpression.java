package dev.runbookbot.expr;

import java.util.List;
import java.util.OptionalInt;

/**
 * What a placeholder computes: a variable ({@link Path}), a literal written by the runbook's author ({@link Literal}),
 * the run's moment ({@link Now}),
 * or a function of other expressions ({@link Call}, see {@link TemplateFunctions}). {@code offset} is where the
 * expression starts in the template source, for error messages.
 */
sealed interface TemplateExpression {
    int offset();

    /** Where {@code expression} first reads the run's moment ({@code now}, or {@code since}); empty when it does not. */
    static OptionalInt firstNow(TemplateExpression expression) {
        if (expression instanceof Now now) {
            return OptionalInt.of(now.offset());
        }
        if (expression instanceof Call call) {
            if (call.function() == TemplateFunctions.Function.SINCE) {
                return OptionalInt.of(call.offset());
            }
            for (TemplateExpression arg : call.args()) {
                OptionalInt found = firstNow(arg);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return OptionalInt.empty();
    }

    /** A variable: {@code labels.pod}, {@code diagnostics.find_pod.samples[0].labels.pod}. */
    record Path(TemplateVariable variable, int offset) implements TemplateExpression {}

    /** {@code now}: the run's frozen instant ({@link TemplateContext#now()}). */
    record Now(int offset) implements TemplateExpression {}

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
