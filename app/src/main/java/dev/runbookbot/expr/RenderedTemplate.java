package dev.runbookbot.expr;

import java.util.List;

/** The result of rendering: the text, plus for the {@link TemplateSink#SQL} sink the values bound to each {@code ?}. */
public record RenderedTemplate(String text, List<Object> bindValues) {
    public RenderedTemplate {
        bindValues = List.copyOf(bindValues);
    }
}
