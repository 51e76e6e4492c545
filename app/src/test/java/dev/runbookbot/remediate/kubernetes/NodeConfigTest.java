package dev.runbookbot.remediate.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.remediate.ActionException;
import dev.runbookbot.remediate.ActionPreview;
import dev.runbookbot.remediate.ActionRequest;
import dev.runbookbot.runbook.ActionSpec;
import dev.runbookbot.runbook.ActionType;
import dev.runbookbot.runbook.ConfigProblem;
import dev.runbookbot.runbook.StepConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The node actions' config: the node's name checked as an RFC 1123 name (literal at load time, templated once
 * rendered), the drain's timeout bounded by the bot's action timeout, and previews that name the node without
 * contacting a cluster.
 */
class NodeConfigTest {
    private static final String PATH = "remediations[0].action.config";
    private static final KubernetesClusters NEVER_BUILT = KubernetesClusters.lazy(() -> {
        throw new AssertionError("config checks and previews never connect");
    });

    private static List<ConfigProblem> drainProblems(Map<String, Object> values) {
        List<ConfigProblem> problems = new ArrayList<>();
        DrainConfig.parse(new StepConfig(values, PATH), problems);
        return problems;
    }

    private static ActionRequest request(ActionType type, Map<String, Object> config, Map<String, String> labels) {
        return new ActionRequest(
                "rem-1",
                new ActionSpec(type, new StepConfig(config, PATH)),
                new TemplateContext(Map.of(), labels, Map.of()),
                "prod",
                Duration.ofSeconds(60),
                "incident-1/rem-1/1");
    }

    @Test
    void aNodeNameIsCheckedWhereItIsLoadedAndWhereItIsRendered() throws ActionException {
        assertEquals(
                List.of(new ConfigProblem(
                        PATH + ".node",
                        "\"Worker_3\" is not a valid Kubernetes node name: it must be " + Dns1123.SUBDOMAIN_RULE)),
                CordonActionExecutor.cordon(NEVER_BUILT).validate(new StepConfig(Map.of("node", "Worker_3"), PATH)));
        assertEquals(
                List.of(
                        new ConfigProblem(PATH + ".replicas", "unknown key 'replicas'; uncordon takes context, node"),
                        new ConfigProblem(PATH + ".node", "node is required", "for example node: worker-3")),
                CordonActionExecutor.uncordon(NEVER_BUILT).validate(new StepConfig(Map.of("replicas", 2), PATH)));
        NodeConfig config = NodeConfig.parse(
                        new StepConfig(Map.of("node", "{{ labels.node }}"), PATH),
                        NodeConfig.KEYS,
                        "cordon",
                        new ArrayList<>())
                .orElseThrow();
        assertEquals(
                new NodeTarget("ip-10-0-7-21.eu-west-1.compute.internal", Optional.empty()),
                config.render(new TemplateContext(
                        Map.of(), Map.of("node", "ip-10-0-7-21.eu-west-1.compute.internal"), Map.of())));
        ActionException e = assertThrows(
                ActionException.class,
                () -> config.render(new TemplateContext(Map.of(), Map.of("node", "worker-3 --all"), Map.of())));
        assertEquals(
                "node {{ labels.node }} rendered to \"worker-3 --all\", which is not a valid Kubernetes node name: it"
                        + " must be " + Dns1123.SUBDOMAIN_RULE,
                e.getMessage());
    }

    @Test
    void aDrainsTimeoutIsAtLeastASecondAndNeverBeyondTheActionTimeout() {
        assertEquals(
                List.of(
                        new ConfigProblem(
                                PATH + ".timeout",
                                "timeout must be a duration of at least 1s, such as 2m",
                                "the drain stops at the bot's action timeout in any case"),
                        new ConfigProblem(
                                PATH + ".delete_emptydir_data", "delete_emptydir_data must be true or false")),
                drainProblems(Map.of("node", "worker-3", "timeout", "soon", "delete_emptydir_data", "yes")));
        List<ConfigProblem> none = new ArrayList<>();
        DrainConfig twoMinutes = DrainConfig.parse(
                        new StepConfig(Map.of("node", "worker-3", "timeout", "2m"), PATH), none)
                .orElseThrow();
        assertEquals(List.of(), none);
        assertEquals(Duration.ofMinutes(2), twoMinutes.budget(Duration.ofMinutes(5)));
        assertEquals(Duration.ofSeconds(60), twoMinutes.budget(Duration.ofSeconds(60)));
    }

    @Test
    void previewsNameTheNodeTheyWillTouch() throws ActionException {
        ActionPreview cordon = CordonActionExecutor.cordon(NEVER_BUILT)
                .preview(request(ActionType.CORDON, Map.of("node", "{{ labels.node }}"), Map.of("node", "worker-3")));
        ActionPreview drain = new DrainActionExecutor(NEVER_BUILT)
                .preview(request(ActionType.DRAIN, Map.of("node", "worker-3", "delete_emptydir_data", true), Map.of()));

        assertEquals(
                new ActionPreview(
                        "node/worker-3 (default context)",
                        List.of(
                                "kubectl cordon worker-3",
                                "marks the node unschedulable: its running pods stay, new pods are scheduled"
                                        + " elsewhere")),
                cordon);
        assertEquals("node/worker-3 (default context)", drain.target());
        assertEquals(
                "kubectl drain worker-3 --ignore-daemonsets --delete-emptydir-data --timeout=1m",
                drain.lines().get(0));
    }
}
