package dev.runbookbot.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code now} in templates: the run's one frozen instant, printed as RFC 3339 or with {@code date}, and {@code since}
 * for the age of a Unix-seconds fact; a template outside a run has no {@code now} and says so.
 */
class TemplateNowTest {
    private static final Instant NOW = Instant.parse("2026-03-01T09:30:15.250Z");
    private static final TemplateContext RUN = new TemplateContext(
                    Map.of(),
                    Map.of("started", "2026-03-01T08:00:00Z"),
                    Map.of(),
                    Map.of("backup", Map.of("value", 1_772_351_415.0)))
            .withNow(NOW);

    private static String text(String source) throws TemplateException {
        return Template.parse(source).render(RUN, TemplateSink.TEXT).text();
    }

    @Test
    void nowPrintsAsRfc3339ToTheSecond() throws TemplateException {
        assertEquals("checked at 2026-03-01T09:30:15Z", text("checked at {{ now }}"));
    }

    @Test
    void dateFormatsNowUnixSecondsAndRfc3339Text() throws TemplateException {
        assertEquals("2026-03-01 09:30:15 UTC", text("{{ now | date }}"));
        assertEquals("2026-03-01 07:50:15 UTC", text("{{ date diagnostics.backup.value }}"));
        assertEquals("2026-03-01 08:00:00 UTC", text("{{ labels.started | date }}"));
    }

    @Test
    void sinceIsTheAgeInSecondsThatHumanizeDurationPrints() throws TemplateException {
        assertEquals("1h 40m 0s", text("{{ since diagnostics.backup.value | humanizeDuration }}"));
        assertEquals("1h 30m 15s", text("{{ labels.started | since | humanizeDuration }}"));
        assertEquals("2026-03-01T09:30:15.250Z", text("{{ humanizeTimestamp now }}"));
    }

    @Test
    void everyTemplateOfARunReadsTheSameMoment() throws TemplateException {
        Template template = Template.parse("{{ now }}");
        assertEquals(
                template.render(RUN, TemplateSink.TEXT).text(),
                template.render(RUN.withDiagnostics(Map.of()), TemplateSink.TEXT)
                        .text());
        assertEquals(RUN, RUN.withNowUnlessPinned(Instant.EPOCH), "a pinned moment is kept");
    }

    @Test
    void outsideARunNowIsAnErrorAtItsPlace() throws TemplateException {
        Template template = Template.parse("due {{ now | date }}");
        TemplateException e = assertThrows(
                TemplateException.class, () -> template.render(TemplateContext.empty(), TemplateSink.TEXT));
        assertEquals("no value for now: only a run has a moment (a diagnostic step or a condition)", e.getMessage());
        assertEquals(7, e.offset());
        assertEquals(7, template.nowOffset().getAsInt());
        assertEquals(7, Template.parse("age {{ since labels.x }}").nowOffset().getAsInt());
        assertTrue(Template.parse("{{ labels.now }}").nowOffset().isEmpty(), "a label named now is a label");
    }

    @Test
    void aValueThatIsNoTimeIsAnErrorNamingTheFunction() throws TemplateException {
        Template template = Template.parse("{{ labels.pod | date }}");
        TemplateContext context = new TemplateContext(Map.of(), Map.of("pod", "web-1"), Map.of()).withNow(NOW);
        TemplateException e = assertThrows(TemplateException.class, () -> template.render(context, TemplateSink.TEXT));
        assertEquals("date needs a time (Unix seconds or RFC 3339), got 'web-1'", e.getMessage());
    }

    @Test
    void nowInPromqlIsEscapedLikeAnyValueInsideQuotes() throws TemplateException {
        assertEquals(
                "up{at=\"2026-03-01T09:30:15Z\"}",
                Template.parse("up{at=\"{{ now }}\"}")
                        .render(RUN, TemplateSink.PROMQL)
                        .text());
    }
}
