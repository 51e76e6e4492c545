package dev.runbookbot.lint;

import dev.runbookbot.runbook.ParameterBinder;
import dev.runbookbot.runbook.ParameterSpec;
import dev.runbookbot.runbook.RunbookSpec;
import java.util.Locale;

/** A parameter's default fits its declared type, exactly as {@link ParameterBinder} will convert it at run time. */
final class ParameterRule implements RunbookRule {
    @Override
    public void check(RunbookSpec runbook, Findings f) {
        for (ParameterSpec parameter : runbook.parameters()) {
            if (parameter.defaultValue().isEmpty() || parameter.type() == null) {
                continue;
            }
            try {
                ParameterBinder.convert(
                        parameter.type(), parameter.defaultValue().get());
            } catch (IllegalArgumentException e) {
                f.error(
                        Findings.child(f.pathOf(parameter), "default"),
                        "default of parameter '" + parameter.name() + "' is not a valid "
                                + parameter.type().name().toLowerCase(Locale.ROOT) + ": " + e.getMessage(),
                        "");
            }
        }
    }
}
