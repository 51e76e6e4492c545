package dev.runbookbot.expr;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** {@link Template#checkPlacement} without values, as config validation and lint call it at load time. */
class TemplatePlacementTest {
    @Test
    void aSqlBindParameterPassesThePlacementCheck() throws TemplateException {
        Template sql =
                Template.parse("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = {{ params.db }}"
                        + " AND usename = {{ labels.user }}");
        assertDoesNotThrow(() -> sql.checkPlacement(TemplateSink.SQL));
    }

    @Test
    void aSqlPlaceholderInsideQuotesFailsWhereItStands() throws TemplateException {
        Template sql = Template.parse("SELECT 1 WHERE a = {{ params.a }} AND b = '{{ params.b }}'");
        TemplateException e = assertThrows(TemplateException.class, () -> sql.checkPlacement(TemplateSink.SQL));
        assertEquals(
                "params.b stands inside SQL quotes; remove the quotes, the value is bound as a parameter",
                e.getMessage());
        assertEquals(43, e.offset());
    }
}
