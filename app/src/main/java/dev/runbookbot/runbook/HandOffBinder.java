package dev.runbookbot.runbook;

import dev.runbookbot.expr.Template;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.expr.TemplateException;
import dev.runbookbot.expr.TemplateSink;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The inputs of the runbook a hand-off starts: each {@code with} value rendered as text over the inputs of the
 * runbook that hands off (with its steps' results as {@code diagnostics.<step>}, {@code
 * DiagnosisReport.inputsWithResults}), then bound to the target's declared parameters like a responder's values ({@link
 * ParameterBinder}), with the same alert labels and annotations. The bot, {@code runbookctl simulate} and {@code
 * runbookctl test} all go through here, so they agree on what the next runbook receives.
 */
public final class HandOffBinder {
    private HandOffBinder() {}

    /** The {@code with} values rendered over {@code from}; every one that cannot be rendered is reported. */
    public static Map<String, String> render(HandOffSpec handOff, TemplateContext from) throws ParameterException {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> given : handOff.with().entrySet()) {
            try {
                values.put(
                        given.getKey(),
                        Template.parse(given.getValue())
                                .render(from, TemplateSink.TEXT)
                                .text());
            } catch (TemplateException e) {
                problems.add("with." + given.getKey() + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new ParameterException(problems);
        }
        return values;
    }

    /** The target's inputs: rendered {@code with} values, then the alert's labels, then the target's defaults. */
    public static TemplateContext bind(RunbookSpec target, HandOffSpec handOff, TemplateContext from)
            throws ParameterException {
        return ParameterBinder.bind(target, render(handOff, from), from.labels(), from.annotations());
    }
}
