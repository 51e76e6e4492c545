package dev.runbookbot.remediate.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.remediate.ActionException;
import dev.runbookbot.runbook.ConfigProblem;
import dev.runbookbot.runbook.StepConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScaleConfigTest {
    private static final String PATH = "remediations[1].action.config";

    private static List<ConfigProblem> problems(Map<String, Object> extra) {
        List<ConfigProblem> problems = new ArrayList<>();
        ScaleConfig.parse(new StepConfig(target(extra), PATH), problems);
        return problems;
    }

    private static ScaleConfig parse(Map<String, Object> extra) {
        List<ConfigProblem> problems = new ArrayList<>();
        Optional<ScaleConfig> config = ScaleConfig.parse(new StepConfig(target(extra), PATH), problems);
        assertEquals(List.of(), problems);
        return config.orElseThrow();
    }

    private static Map<String, Object> target(Map<String, Object> extra) {
        Map<String, Object> values = new HashMap<>(Map.of("deployment", "api", "namespace", "prod"));
        values.putAll(extra);
        return values;
    }

    private static TemplateContext params(Map<String, Object> params) {
        return new TemplateContext(params, Map.of(), Map.of());
    }

    @Test
    void scalesToAnAbsoluteCount() throws ActionException {
        ScaleConfig config = parse(Map.of("replicas", 6));

        assertEquals(new ReplicaChange.Scale(3, 6), config.decide(3, TemplateContext.empty()));
        assertEquals(new ReplicaChange.Unchanged(6), config.decide(6, TemplateContext.empty()));
        assertEquals("--replicas=6", config.replicasArgument(TemplateContext.empty()));
    }

    @Test
    void neverScalesDown() throws ActionException {
        ReplicaChange change = parse(Map.of("replicas", 4)).decide(6, TemplateContext.empty());

        assertEquals(
                new ReplicaChange.Refused("refused: the Deployment already runs 6 replicas, more than the requested 4;"
                        + " scale_up never scales down, nothing was changed"),
                change);
    }

    @Test
    void stepIsBoundedByMaxReplicas() throws ActionException {
        ScaleConfig config = parse(Map.of("step", 2, "max_replicas", 10));

        assertEquals(new ReplicaChange.Scale(8, 10), config.decide(8, TemplateContext.empty()));
        assertEquals(
                new ReplicaChange.Refused("refused: scaling by 2 from 9 replicas would reach 11, above max_replicas 10;"
                        + " nothing was changed"),
                config.decide(9, TemplateContext.empty()));
        assertEquals("--replicas=<current + 2> (refused above 10)", config.replicasArgument(TemplateContext.empty()));
    }

    @Test
    void templatedReplicasAreCheckedAgainstTheBound() throws ActionException {
        ScaleConfig config = parse(Map.of("replicas", "{{ params.replicas }}", "max_replicas", 8));

        assertEquals(new ReplicaChange.Scale(2, 5), config.decide(2, params(Map.of("replicas", 5L))));
        assertEquals(
                new ReplicaChange.Refused(
                        "refused: scaling to 50 replicas is above max_replicas 8; nothing was changed"),
                config.decide(2, params(Map.of("replicas", 50L))));
        ActionException e =
                assertThrows(ActionException.class, () -> config.decide(2, params(Map.of("replicas", "5 --all"))));
        assertEquals(
                "replicas {{ params.replicas }} rendered to \"5 --all\", which is not a whole number of at least 1",
                e.getMessage());
    }

    @Test
    void stepNeedsALiteralBound() {
        assertEquals(
                List.of(new ConfigProblem(
                        PATH + ".max_replicas",
                        "max_replicas is required with step: scaling by a step needs an upper bound")),
                problems(Map.of("step", 1)));
        assertEquals(
                List.of(new ConfigProblem(
                        PATH + ".max_replicas",
                        "max_replicas must be a whole number of at least 1, written literally (not a template)")),
                problems(Map.of("step", 1, "max_replicas", "{{ params.max }}")));
    }

    @Test
    void templatedReplicasNeedABound() {
        assertEquals(
                List.of(new ConfigProblem(
                        PATH + ".max_replicas",
                        "max_replicas is required when replicas is a template: the rendered value needs an upper"
                                + " bound")),
                problems(Map.of("replicas", "{{ params.replicas }}")));
    }

    @Test
    void replicasOrStepButNotBothNorNeither() {
        assertEquals(
                "scale_up needs replicas or step", problems(Map.of()).get(0).message());
        assertEquals(PATH, problems(Map.of()).get(0).path());
        assertEquals(
                "give either replicas or step, not both",
                problems(Map.of("replicas", 3, "step", 1, "max_replicas", 5))
                        .get(0)
                        .message());
    }

    @Test
    void literalCountsAreCheckedAtLoadTime() {
        assertEquals(
                List.of(new ConfigProblem(
                        PATH + ".replicas", "replicas must be a whole number of at least 1, not \"0\"")),
                problems(Map.of("replicas", 0)));
        assertEquals(
                List.of(new ConfigProblem(PATH + ".replicas", "replicas 12 is above max_replicas 10")),
                problems(Map.of("replicas", 12, "max_replicas", 10)));
    }
}
