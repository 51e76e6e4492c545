package dev.runbookbot.expr;

/**
 * Text for a person with its placeholders filled ({@code {{ params.x }}}, {@code {{ labels.y }}}): rendered for the
 * {@link TemplateSink#TEXT} sink (control characters stripped; each renderer then escapes it for where it is shown).
 * A text that cannot be rendered (a value missing from the inputs) is returned as written, with the reason after it,
 * so a person still sees every instruction.
 */
public final class TextTemplates {
    private TextTemplates() {}

    public static String render(String text, TemplateContext context) {
        if (!Template.isTemplated(text)) {
            return text;
        }
        try {
            return Template.parse(text).render(context, TemplateSink.TEXT).text();
        } catch (TemplateException e) {
            return text + "\n(placeholders not filled: " + e.getMessage() + ")";
        }
    }
}
