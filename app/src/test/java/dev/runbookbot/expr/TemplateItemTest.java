package dev.runbookbot.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code {{ item }}}: a loop's current element, alone or with a path, escaped for its sink like any other value. */
class TemplateItemTest {
    private static final TemplateContext INPUTS = new TemplateContext(Map.of(), Map.of("job", "api"), Map.of());

    @Test
    void theItemAndAPathIntoItRender() throws Exception {
        Map<String, Object> series = Map.of("labels", Map.of("pod", "checkout-1"), "value", 3.0);
        assertEquals(
                "checkout-1 = 3 (api)",
                Template.parse("{{ item.labels.pod }} = {{ item.value }} ({{ labels.job }})")
                        .render(INPUTS.withItem(series), TemplateSink.TEXT)
                        .text());
        assertEquals(
                "web",
                Template.parse("{{ item }}")
                        .render(INPUTS.withItem("web"), TemplateSink.TEXT)
                        .text());
        assertEquals(
                "b",
                Template.parse("{{ item[1] | toLower }}")
                        .render(INPUTS.withItem(List.of("a", "B")), TemplateSink.TEXT)
                        .text());
        assertEquals(
                "item.labels['app.kubernetes.io/name']",
                Template.parse("{{ item.labels['app.kubernetes.io/name'] }}")
                        .variables()
                        .iterator()
                        .next()
                        .toString());
    }

    @Test
    void aHostileItemIsEscapedForPromqlAndAMissingItemIsAnError() throws Exception {
        assertEquals(
                "up{pod=\"a\\\"} or vector(1) or up{x=\\\"\"}",
                Template.parse("up{pod=\"{{ item }}\"}")
                        .render(INPUTS.withItem("a\"} or vector(1) or up{x=\""), TemplateSink.PROMQL)
                        .text());
        TemplateException e = assertThrows(
                TemplateException.class, () -> Template.parse("{{ item.pod }}").render(INPUTS, TemplateSink.TEXT));
        assertEquals("no value for item.pod", e.getMessage());
    }
}
