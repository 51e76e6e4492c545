package dev.runbookbot.expr;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TemplateTest {
    private static String render(String source, TemplateSink sink, String labelValue) throws TemplateException {
        return Template.parse(source).render(labels(labelValue), sink).text();
    }

    private static TemplateContext labels(String value) {
        return new TemplateContext(Map.of("n", 5, "ratio", 2.0), Map.of("v", value), Map.of("summary", "s"));
    }

    private static TemplateException renderError(String source, TemplateSink sink, String labelValue) {
        return assertThrows(
                TemplateException.class, () -> Template.parse(source).render(labels(labelValue), sink));
    }

    private static TemplateException parseError(String source) {
        return assertThrows(TemplateException.class, () -> Template.parse(source));
    }

    @Nested
    class Argv {
        @Test
        void shellMetacharactersQuotesAndNewlinesStayLiteral() throws Exception {
            String hostile = "$(rm -rf /); echo \"hi\" 'x' | cat > /tmp/x && `id` \\ * ~ ;\nsecond line";
            assertEquals("--selector=" + hostile, render("--selector={{ labels.v }}", TemplateSink.ARGV, hostile));
            assertEquals(hostile, render("{{labels.v}}", TemplateSink.ENV, hostile));
        }

        @Test
        void aNulCannotBePassedToAProcess() {
            TemplateException e = renderError("x={{ labels.v }}", TemplateSink.ARGV, "a\0b");
            assertEquals("value of labels.v contains a NUL character", e.getMessage());
            assertEquals(2, e.offset());
        }

        @Test
        void placeholderSyntaxInsideAValueStaysLiteral() throws Exception {
            assertEquals(
                    "{{ params.n }} and {{ labels.v }}",
                    render("{{ labels.v }}", TemplateSink.ARGV, "{{ params.n }} and {{ labels.v }}"));
        }

        @Test
        void wholeDoublesRenderWithoutAFraction() throws Exception {
            assertEquals("2 5", render("{{ params.ratio }} {{ params.n }}", TemplateSink.ARGV, ""));
        }
    }

    @Nested
    class Promql {
        @Test
        void quotesBackslashesAndNewlinesAreEscapedInADoubleQuotedString() throws Exception {
            assertEquals(
                    "up{job=\"O'Brien \\\"x\\\" back\\\\slash\\nline\\ttab\\r\\x07\"}",
                    render(
                            "up{job=\"{{ labels.v }}\"}",
                            TemplateSink.PROMQL,
                            "O'Brien \"x\" back\\slash\nline\ttab\r\u0007"));
        }

        @Test
        void onlyTheOpeningQuoteIsEscapedInASingleQuotedString() throws Exception {
            // Prometheus rejects \' inside "..." and \" inside '...' as unknown escape sequences.
            assertEquals(
                    "up{job='O\\'Brien \"x\"'}",
                    render("up{job='{{ labels.v }}'}", TemplateSink.PROMQL, "O'Brien \"x\""));
        }

        @Test
        void aValueCannotCloseTheStringAndAddAQuery() throws Exception {
            String hostile = "x\"} or vector(1) #";
            assertEquals(
                    "up{job=\"x\\\"} or vector(1) #\"}",
                    render("up{job=\"{{ labels.v }}\"}", TemplateSink.PROMQL, hostile));
        }

        @Test
        void regexMetacharactersAreQuotedAfterMatchOperators() throws Exception {
            assertEquals(
                    "up{job=~\"a\\\\.b\\\\*c\\\\|d\\\\(e\\\\)\"}",
                    render("up{job=~\"{{ labels.v }}\"}", TemplateSink.PROMQL, "a.b*c|d(e)"));
            assertEquals("up{job !~ 'a\\\\.b'}", render("up{job !~ '{{ labels.v }}'}", TemplateSink.PROMQL, "a.b"));
            assertEquals(
                    "up{a=~\"x.*\", job=\"a.b\"}",
                    render("up{a=~\"x.*\", job=\"{{ labels.v }}\"}", TemplateSink.PROMQL, "a.b"));
        }

        @Test
        void escapedQuotesAndCommentsInTheTemplateDoNotConfuseQuoting() throws Exception {
            assertEquals(
                    "up{a=\"x\\\"y\", b=\"v\\\"\"}",
                    render("up{a=\"x\\\"y\", b=\"{{ labels.v }}\"}", TemplateSink.PROMQL, "v\""));
            assertEquals(
                    "up # it's a \"comment\n{job=\"v\"}",
                    render("up # it's a \"comment\n{job=\"{{ labels.v }}\"}", TemplateSink.PROMQL, "v"));
        }

        @Test
        void outsideQuotesOnlyNumbersAndDurationsAreAccepted() throws Exception {
            for (String ok : List.of("5", "-1.5", "5m", "1h30m", "250ms")) {
                assertEquals("rate(x[" + ok + "]) > 1", render("rate(x[{{ labels.v }}]) > 1", TemplateSink.PROMQL, ok));
            }
            TemplateException e =
                    renderError("up > 1 and rate(x[{{ labels.v }}])", TemplateSink.PROMQL, "5m]) or vector(1");
            assertEquals(
                    "labels.v stands outside a quoted PromQL string, where only a number or a duration is accepted;"
                            + " put it inside \"...\" as a label value",
                    e.getMessage());
            assertEquals(18, e.offset());
        }

        @Test
        void theOffsetIsThatOfTheOffendingPlaceholder() {
            TemplateException e =
                    renderError("up{job=\"{{ labels.v }}\"} > {{ labels.v }}", TemplateSink.PROMQL, "not a number");
            assertEquals(27, e.offset());
        }

        @Test
        void aRawStringCannotBeEscaped() {
            TemplateException e = renderError("up{job=`{{ labels.v }}`}", TemplateSink.PROMQL, "x");
            assertEquals(
                    "labels.v stands inside a raw `...` PromQL string, which cannot be escaped; use \"...\"",
                    e.getMessage());
            assertEquals(8, e.offset());
        }
    }

    @Nested
    class Sql {
        @Test
        void placeholdersBecomeBindParametersInOrder() throws Exception {
            RenderedTemplate r = Template.parse(
                            "SELECT count(*) FROM pg_stat_activity WHERE datname = {{ labels.v }} AND n > {{ params.n }}")
                    .render(labels("payments'; DROP TABLE x; --"), TemplateSink.SQL);
            assertEquals("SELECT count(*) FROM pg_stat_activity WHERE datname = ? AND n > ?", r.text());
            assertEquals(List.of("payments'; DROP TABLE x; --", 5), r.bindValues());
        }

        @Test
        void aPlaceholderInsideQuotesIsRejectedWithItsOffset() {
            TemplateException e = renderError("SELECT 1 WHERE a = 'x' AND b = '{{ labels.v }}'", TemplateSink.SQL, "v");
            assertEquals(
                    "labels.v stands inside SQL quotes; remove the quotes, the value is bound as a parameter",
                    e.getMessage());
            assertEquals(32, e.offset());
            assertThrows(TemplateException.class, () -> Template.parse("SELECT \"{{ labels.v }}\" FROM t")
                    .checkPlacement(TemplateSink.SQL));
        }

        @Test
        void doubledQuotesAndCommentsAreFollowed() throws Exception {
            assertEquals(
                    "SELECT 'it''s' -- it's\n, ? /* don't */ , ?",
                    render(
                            "SELECT 'it''s' -- it's\n, {{ labels.v }} /* don't */ , {{ labels.v }}",
                            TemplateSink.SQL,
                            "v"));
            TemplateException e = renderError("SELECT 1 -- {{ labels.v }}\n", TemplateSink.SQL, "v");
            assertEquals("labels.v stands inside a SQL comment; move it out", e.getMessage());
            assertEquals(12, e.offset());
            assertThrows(TemplateException.class, () -> Template.parse("SELECT 1 /* {{ labels.v }} */")
                    .checkPlacement(TemplateSink.SQL));
        }
    }

    @Nested
    class Url {
        @Test
        void theHostCannotBeTemplated() {
            for (String source : List.of(
                    "https://{{ labels.v }}/health",
                    "https://api.example.com:{{ labels.v }}/health",
                    "https://user@{{ labels.v }}/",
                    "//{{ labels.v }}/health",
                    "{{ labels.v }}",
                    "https{{ labels.v }}")) {
                TemplateException e = assertThrows(
                        TemplateException.class, () -> Template.parse(source).checkPlacement(TemplateSink.URL), source);
                assertEquals(
                        "labels.v stands in the URL's scheme or host; alert data must never choose where a request goes",
                        e.getMessage());
                assertEquals(source.indexOf("{{"), e.offset());
            }
        }

        @Test
        void pathValuesAreOneEncodedSegment() throws Exception {
            assertEquals(
                    "https://api.example.com/orders/a%20b%2Fc%3Fd%23e%25%2B/status",
                    render("https://api.example.com/orders/{{ labels.v }}/status", TemplateSink.URL, "a b/c?d#e%+"));
            assertEquals("/orders/a%2F..%2Fb", render("/orders/{{ labels.v }}", TemplateSink.URL, "a/../b"));
        }

        @Test
        void dotSegmentsCannotMoveThePath() {
            for (String dots : List.of(".", "..")) {
                TemplateException e = renderError("https://h/api/{{ labels.v }}/admin", TemplateSink.URL, dots);
                assertEquals("value of labels.v is '" + dots + "', which would change the URL's path", e.getMessage());
                assertEquals(14, e.offset());
            }
        }

        @Test
        void queryValuesAreEncodedComponents() throws Exception {
            assertEquals(
                    "https://h/search?q=a+b%26c%3Dd%23..&x=1",
                    render("https://h/search?q={{ labels.v }}&x=1", TemplateSink.URL, "a b&c=d#.."));
            assertEquals("http://h?x=..", render("http://h?x={{ labels.v }}", TemplateSink.URL, ".."));
        }
    }

    @Nested
    class Text {
        @Test
        void controlCharactersOtherThanNewlineAndTabAreRemoved() throws Exception {
            assertEquals("a\nb\tc d", render("{{ labels.v }}", TemplateSink.TEXT, "a\nb\tc\u001b\r d\u0000"));
        }
    }

    @Nested
    class Parsing {
        @Test
        void variablesInOrderOfFirstUse() throws Exception {
            Template t = Template.parse("{{ labels.pod }} {{params.ns}} {{ labels.pod }} {{ annotations.summary }}");
            assertEquals(
                    List.of(
                            new TemplateVariable(TemplateVariable.Scope.LABELS, "pod"),
                            new TemplateVariable(TemplateVariable.Scope.PARAMS, "ns"),
                            new TemplateVariable(TemplateVariable.Scope.ANNOTATIONS, "summary")),
                    List.copyOf(t.variables()));
            assertTrue(Template.isTemplated("a {{ b"));
            assertFalse(Template.isTemplated("a } b"));
            assertEquals(
                    "plain } text",
                    Template.parse("plain } text")
                            .render(labels(""), TemplateSink.ARGV)
                            .text());
        }

        @Test
        void anUnknownScopeIsRejectedAtTheScopeName() {
            TemplateException e = parseError("kubectl -n {{  alert.namespace }}");
            assertEquals(
                    "unknown template scope 'alert'; use params, labels, annotations or diagnostics", e.getMessage());
            assertEquals(15, e.offset());
        }

        @Test
        void malformedPlaceholdersAreRejectedAtTheirBraces() {
            Map<String, Integer> offsets = Map.of(
                    "a {{ params.x }", 2,
                    "a {{ params }}", 2,
                    "a {{{ labels.x }}}", 2,
                    "a {{ labels.x }} {{", 17);
            offsets.forEach((source, offset) -> {
                TemplateException e = parseError(source);
                assertEquals(
                        "malformed placeholder; write {{ params.<name> }}, {{ labels.<name> }} or"
                                + " {{ annotations.<name> }}",
                        e.getMessage(),
                        source);
                assertEquals(offset, e.offset(), source);
            });
        }

        @Test
        void aLabelNameWithDotsOrDashesAfterADotSaysHowToReadIt() {
            Map<String, String> messages = Map.of(
                    "a {{ labels.a.b }}",
                    "'labels.a.b': a label name with dots, slashes or dashes is read with brackets: write"
                            + " {{ labels['a.b'] }}",
                    "a {{ labels.x-y }}",
                    "'labels.x-y': a label name with dots, slashes or dashes is read with brackets: write"
                            + " {{ labels['x-y'] }}",
                    "a {{ annotations.app.kubernetes.io/name | toLower }}",
                    "'annotations.app.kubernetes.io/name': an annotation name with dots, slashes or dashes is read"
                            + " with brackets: write {{ annotations['app.kubernetes.io/name'] }}");
            messages.forEach((source, message) -> {
                TemplateException e = parseError(source);
                assertEquals(message, e.getMessage(), source);
                assertEquals(2, e.offset(), source);
            });
            assertEquals(
                    "malformed placeholder; write {{ params.<name> }}, {{ labels.<name> }} or {{ annotations.<name> }}",
                    parseError("a {{ params.a.b }}").getMessage());
        }

        @Test
        void aMissingValueNamesTheVariableAndItsOffset() {
            TemplateException e = assertThrows(TemplateException.class, () -> Template.parse("echo {{ labels.pod }}")
                    .render(TemplateContext.empty(), TemplateSink.ARGV));
            assertEquals("no value for labels.pod", e.getMessage());
            assertEquals(5, e.offset());
        }

        @Test
        void placementIsCheckedWithoutValues() {
            assertDoesNotThrow(
                    () -> Template.parse("up{job=\"{{ labels.v }}\"}").checkPlacement(TemplateSink.PROMQL));
            assertDoesNotThrow(() -> Template.parse("https://h/{{ labels.v }}").checkPlacement(TemplateSink.URL));
        }
    }
}
