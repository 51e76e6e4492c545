package dev.runbookbot.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Label names that are not identifiers, and reading the facts of a needed step through a path. */
class TemplatePathTest {
    private static final Map<String, Map<String, Object>> STEPS = Map.of(
            "pod_node",
            Map.of(
                    "status",
                    "healthy",
                    "value",
                    1.0,
                    "samples",
                    List.of(Map.of("labels", Map.of("node", "worker-3", "topology.kubernetes.io/zone", "eu-1a")))));

    private static final TemplateContext CONTEXT =
            new TemplateContext(Map.of(), Map.of("app.kubernetes.io/name", "checkout\"}or vector(1)"), Map.of(), STEPS);

    private static String render(String source, TemplateSink sink) throws TemplateException {
        return Template.parse(source).render(CONTEXT, sink).text();
    }

    @Test
    void aLabelNameWithDotsIsWrittenInBracketsAndEscapedForItsSink() throws TemplateException {
        assertEquals(
                "up{app=\"checkout\\\"}or vector(1)\"}",
                render("up{app=\"{{ labels['app.kubernetes.io/name'] }}\"}", TemplateSink.PROMQL));
        assertEquals(
                List.of(new TemplateVariable(TemplateVariable.Scope.LABELS, "app.kubernetes.io/name")),
                List.copyOf(Template.parse("{{ labels[\"app.kubernetes.io/name\"] }}")
                        .variables()));
        assertEquals(
                "labels['app.kubernetes.io/name']",
                new TemplateVariable(TemplateVariable.Scope.LABELS, "app.kubernetes.io/name").toString());
    }

    @Test
    void aNeededStepsFactsAreReadThroughKeysAndIndexes() throws TemplateException {
        assertEquals(
                "node=\"worker-3\" zone=eu-1a status=healthy value=1",
                render(
                        "node=\"{{ diagnostics.pod_node.samples[0].labels.node }}\""
                                + " zone={{ diagnostics.pod_node.samples[0].labels['topology.kubernetes.io/zone'] }}"
                                + " status={{ diagnostics.pod_node.status }} value={{ diagnostics.pod_node.value }}",
                        TemplateSink.TEXT));
        assertEquals(
                "diagnostics.pod_node.samples[0].labels.node",
                List.copyOf(Template.parse("{{ diagnostics.pod_node.samples[0].labels.node }}")
                                .variables())
                        .get(0)
                        .toString());
    }

    @Test
    void aMissingElementOrAWholeListIsAnErrorNamingIt() {
        TemplateException missing = assertThrows(
                TemplateException.class,
                () -> render("x {{ diagnostics.pod_node.samples[3].labels.node }}", TemplateSink.TEXT));
        assertEquals("no value for diagnostics.pod_node.samples[3].labels.node", missing.getMessage());
        assertEquals(2, missing.offset());
        TemplateException list = assertThrows(
                TemplateException.class, () -> render("{{ diagnostics.pod_node.samples }}", TemplateSink.ARGV));
        assertEquals(
                "diagnostics.pod_node.samples is a list, not one value; name one of its elements ([0])",
                list.getMessage());
    }

    @Test
    void aStepWithoutAFactOrALabelWithAPathIsMalformed() {
        for (String source : List.of("{{ diagnostics.pod_node }}", "{{ labels['a'][0] }}")) {
            TemplateException e = assertThrows(TemplateException.class, () -> Template.parse(source), source);
            assertEquals(PlaceholderParser.MALFORMED, e.getMessage(), source);
        }
    }

    @Test
    void aDottedLabelNameIsMalformedWithAHintToReadItWithBrackets() {
        TemplateException e = assertThrows(TemplateException.class, () -> Template.parse("{{ labels.a.b }}"));
        assertEquals(
                "'labels.a.b': a label name with dots, slashes or dashes is read with brackets: write {{ labels['a.b'] }}",
                e.getMessage());
    }
}
