package dev.runbookbot.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * PromQL and LogQL unquote strings like Go: inside {@code "..."} only {@code \"} is a valid escaped quote, inside
 * {@code '...'} only {@code \'}. Escaping the other quote makes the query a parse error.
 */
class TemplateQuoteEscapingTest {
    private static String render(String template, String value) throws TemplateException {
        TemplateContext context = new TemplateContext(Map.of(), Map.of("v", value), Map.of());
        return Template.parse(template).render(context, TemplateSink.PROMQL).text();
    }

    @Test
    void onlyTheOpeningQuoteIsEscaped() throws TemplateException {
        assertEquals("up{a=\"it's \\\"x\\\"\"}", render("up{a=\"{{ labels.v }}\"}", "it's \"x\""));
        assertEquals("up{a='it\\'s \"x\"'}", render("up{a='{{ labels.v }}'}", "it's \"x\""));
    }

    @Test
    void logqlLineFilterRegexIsQuotedLikeALabelRegex() throws TemplateException {
        assertEquals("{app=\"a\"} |~ \"a\\\\.b\\\\*\"", render("{app=\"a\"} |~ \"{{ labels.v }}\"", "a.b*"));
        assertEquals("{app=\"a\"} |= \"a.b*\"", render("{app=\"a\"} |= \"{{ labels.v }}\"", "a.b*"));
    }
}
