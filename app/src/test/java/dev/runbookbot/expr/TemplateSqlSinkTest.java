package dev.runbookbot.expr;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateSqlSinkTest {

    @Test
    void checkingPlacementOfASqlTemplateNeedsNoValues() throws TemplateException {
        Template template = Template.parse("SELECT * FROM t WHERE a = {{ labels.a }} AND b = {{ params.b }}");

        assertDoesNotThrow(() -> template.checkPlacement(TemplateSink.SQL));
    }

    @Test
    void everyPlaceholderBecomesABindParameter() throws TemplateException {
        Template template = Template.parse("SELECT * FROM t WHERE a = {{ labels.a }} AND b = {{ params.b }}");
        TemplateContext context = new TemplateContext(Map.of("b", 7L), Map.of("a", "x'; DROP TABLE t; --"), Map.of());

        RenderedTemplate rendered = template.render(context, TemplateSink.SQL);

        assertEquals("SELECT * FROM t WHERE a = ? AND b = ?", rendered.text());
        assertEquals(List.of("x'; DROP TABLE t; --", 7L), rendered.bindValues());
    }

    @Test
    void aMissingValueIsNamed() throws TemplateException {
        Template template = Template.parse("SELECT {{ labels.missing }}");

        TemplateException e =
                assertThrows(TemplateException.class, () -> template.render(TemplateContext.empty(), TemplateSink.SQL));
        assertEquals("no value for labels.missing", e.getMessage());
    }
}
