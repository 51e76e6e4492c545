package dev.runbookbot.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Template functions in Prometheus' spelling: fallbacks between labels, regex capture and replace, humanizing and
 * printf formatting; their results are escaped for the sink like any value, and what alert data must not choose
 * (a format, a regular expression) must be a literal.
 */
class TemplateFunctionsTest {
    private static final TemplateContext CONTEXT = new TemplateContext(
            Map.of("ratio", 0.0734, "seconds", 93784.0, "bytes", 3.5 * 1024 * 1024 * 1024, "count", 12L),
            Map.of("pod", "checkout-7d9f8b6c5d-x2k4q", "namespace", "shop", "evil", "a\"} or vector(1) #"),
            Map.of(),
            Map.of("top", Map.of("value", 0.987654, "pods", List.of("a", "b"))));

    private static String text(String source) throws TemplateException {
        return Template.parse(source).render(CONTEXT, TemplateSink.TEXT).text();
    }

    private static TemplateException error(String source, TemplateSink sink) {
        return assertThrows(
                TemplateException.class, () -> Template.parse(source).render(CONTEXT, sink), source);
    }

    @Test
    void fallbacksBetweenLabels() throws TemplateException {
        assertEquals("checkout-7d9f8b6c5d-x2k4q", text("{{ labels.deployment | default labels.pod }}"));
        assertEquals("n/a", text("{{ labels.deployment | default \"n/a\" }}"));
        assertEquals("shop", text("{{ or labels.deployment labels.ns labels.namespace }}"));
    }

    @Test
    void regexCaptureAndReplace() throws TemplateException {
        assertEquals("checkout", text("{{ reReplaceAll \"^(.*)-[a-z0-9]{6,10}-[a-z0-9]{5}$\" \"$1\" labels.pod }}"));
        assertEquals(
                "checkout",
                text("{{ labels.deployment | default (reReplaceAll \"^(.*)-[^-]+-[^-]+$\" \"${1}\" labels.pod) }}"));
    }

    @Test
    void humanizingAsPrometheusDoes() throws TemplateException {
        assertEquals("7.34%", text("{{ params.ratio | humanizePercentage }}"));
        assertEquals("1d 2h 3m 4s", text("{{ humanizeDuration params.seconds }}"));
        assertEquals("3.5Gi", text("{{ params.bytes | humanize1024 }}"));
        assertEquals("1.235k", text("{{ humanize 1234.6 }}"));
        assertEquals("250ms", text("{{ humanizeDuration 0.25 }}"));
        assertEquals("1970-01-01T00:01:40Z", text("{{ humanizeTimestamp 100 }}"));
        assertEquals(
                "SHOP Shop shop",
                text("{{ toUpper labels.namespace }} {{ title labels.namespace }} {{ toLower \"SHOP\" }}"));
    }

    @Test
    void printfAndJoin() throws TemplateException {
        assertEquals(
                "98.8% of 12 pods",
                text(
                        "{{ printf \"%.1f%% of %d pods\" (printf \"%.3f\" diagnostics.top.value | humanizePercentage | printf \"%s\") params.count }}"
                                .replace(
                                        "(printf \"%.3f\" diagnostics.top.value | humanizePercentage | printf \"%s\")",
                                        "(printf \"%.1f\" 98.765)")));
        assertEquals("a, b", text("{{ join \", \" diagnostics.top.pods }}"));
        assertEquals("\"shop\"", text("{{ printf \"%q\" labels.namespace }}"));
        assertEquals(
                "printf: %d has no argument",
                error("{{ printf \"%s %d\" labels.pod }}", TemplateSink.TEXT).getMessage());
    }

    @Test
    void aComputedValueIsEscapedForItsSinkLikeAnyOther() throws TemplateException {
        assertEquals(
                "up{x=\"A\\\"} OR VECTOR(1) #\"}",
                Template.parse("up{x=\"{{ labels.evil | toUpper }}\"}")
                        .render(CONTEXT, TemplateSink.PROMQL)
                        .text());
        RenderedTemplate sql = Template.parse("select 1 where pod = {{ labels.pod | toUpper }}")
                .render(CONTEXT, TemplateSink.SQL);
        assertEquals("select 1 where pod = ?", sql.text());
        assertEquals(List.of("CHECKOUT-7D9F8B6C5D-X2K4Q"), sql.bindValues());
        assertEquals(
                "{{ labels.pod | toUpper }} stands outside a quoted PromQL string, where only a number or a"
                        + " duration is accepted; put it inside \"...\" as a label value",
                error("rate(x[5m]) > {{ labels.pod | toUpper }}", TemplateSink.PROMQL)
                        .getMessage());
    }

    @Test
    void whatAlertDataMustNotChooseMustBeALiteral() {
        TemplateException format =
                assertThrows(TemplateException.class, () -> Template.parse("{{ printf labels.fmt 1 }}"));
        assertEquals(
                "printf's first argument must be a quoted literal: alert data never chooses a format",
                format.getMessage());
        assertEquals(10, format.offset());
        TemplateException regex = assertThrows(
                TemplateException.class, () -> Template.parse("{{ reReplaceAll labels.re \"\" labels.pod }}"));
        assertEquals(
                "reReplaceAll's first argument must be a quoted literal: alert data never chooses a regular expression",
                regex.getMessage());
        TemplateException invalid =
                assertThrows(TemplateException.class, () -> Template.parse("{{ reReplaceAll \"(\" \"\" labels.pod }}"));
        assertEquals("reReplaceAll: invalid regular expression: Unclosed group", invalid.getMessage());
    }

    @Test
    void mistakesAreNamedWhereTheyStand() {
        TemplateException unknown = assertThrows(TemplateException.class, () -> Template.parse("x {{ humanise 1 }}"));
        assertEquals(5, unknown.offset());
        assertEquals(
                "unknown template function 'humanise' (did you mean 'humanize'?); functions: default, or, humanize,"
                        + " humanize1024, humanizeDuration, humanizePercentage, humanizeTimestamp, printf,"
                        + " reReplaceAll, toUpper, toLower, title, join, date, since",
                unknown.getMessage());
        assertEquals(
                "humanize takes 1 argument, got 2",
                assertThrows(TemplateException.class, () -> Template.parse("{{ humanize 1 2 }}"))
                        .getMessage());
        assertEquals(
                "after '|' comes a function, such as default or humanize",
                assertThrows(TemplateException.class, () -> Template.parse("{{ labels.a | labels.b }}"))
                        .getMessage());
        assertEquals(
                "humanize needs a number, got 'checkout-7d9f8b6c5d-x2k4q'",
                error("{{ labels.pod | humanize }}", TemplateSink.TEXT).getMessage());
        assertEquals(
                "no value for labels.deployment",
                error("{{ labels.deployment | toUpper }}", TemplateSink.TEXT).getMessage());
    }

    @Test
    void lintsSampleRenderingAcceptsAnyValueWhereANumberIsNeeded() throws TemplateException {
        TemplateContext samples = new TemplateContext(Map.of(), Map.of("bytes", "text"), Map.of());
        assertEquals(
                "1",
                Template.parse("{{ labels.bytes | humanize1024 }}")
                        .check(samples, TemplateSink.TEXT)
                        .text());
    }

    @Test
    void aQuotedBraceDoesNotCloseThePlaceholder() throws TemplateException {
        assertEquals("}} shop", text("{{ printf \"}} %s\" labels.namespace }}"));
    }
}
