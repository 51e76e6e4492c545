package dev.runbookbot.remediate.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.remediate.ActionException;
import dev.runbookbot.runbook.ConfigProblem;
import dev.runbookbot.runbook.StepConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WorkloadConfigTest {
    private static final String PATH = "remediations[0].action.config";

    private static List<ConfigProblem> problems(Map<String, Object> values) {
        List<ConfigProblem> problems = new ArrayList<>();
        WorkloadConfig.parse(new StepConfig(values, PATH), WorkloadConfig.KEYS, "restart_service", problems);
        return problems;
    }

    private static WorkloadConfig parse(Map<String, Object> values) {
        List<ConfigProblem> problems = new ArrayList<>();
        Optional<WorkloadConfig> config =
                WorkloadConfig.parse(new StepConfig(values, PATH), WorkloadConfig.KEYS, "restart_service", problems);
        assertEquals(List.of(), problems);
        return config.orElseThrow();
    }

    private static TemplateContext labels(Map<String, String> labels) {
        return new TemplateContext(Map.of(), labels, Map.of());
    }

    @Test
    void literalTargetRendersAsIs() throws ActionException {
        WorkloadConfig config =
                parse(Map.of("deployment", "payment-service", "namespace", "production", "context", "prod"));

        WorkloadTarget target = config.render(TemplateContext.empty());

        assertEquals(new WorkloadTarget("production", "payment-service", Optional.of("prod")), target);
        assertEquals("deployment/payment-service -n production (context: prod)", target.kubectlArgs());
        assertEquals("deployment/payment-service in namespace production (context: prod)", target.describe());
    }

    @Test
    void missingKeysAndUnknownKeysAreReportedWithTheirPaths() {
        assertEquals(
                List.of(
                        new ConfigProblem(
                                PATH + ".replica",
                                "unknown key 'replica'; restart_service takes context, daemonset, deployment, namespace,"
                                        + " statefulset"),
                        new ConfigProblem(
                                PATH + ".deployment",
                                "deployment is required",
                                "for example deployment: payment-service"),
                        new ConfigProblem(
                                PATH + ".namespace", "namespace is required", "for example namespace: production")),
                problems(Map.of("replica", 3)));
    }

    @Test
    void literalNamesAreCheckedAtLoadTime() {
        List<ConfigProblem> problems = problems(Map.of("deployment", "Payment_Service", "namespace", "prod.eu"));

        assertEquals(2, problems.size());
        assertEquals(PATH + ".deployment", problems.get(0).path());
        assertEquals(
                "\"Payment_Service\" is not a valid Kubernetes Deployment name: it must be " + Dns1123.SUBDOMAIN_RULE,
                problems.get(0).message());
        assertEquals(
                "\"prod.eu\" is not a valid Kubernetes namespace: it must be " + Dns1123.LABEL_RULE,
                problems.get(1).message());
    }

    @Test
    void contextCannotBeATemplate() {
        List<ConfigProblem> problems =
                problems(Map.of("deployment", "api", "namespace", "prod", "context", "{{ labels.cluster }}"));

        assertEquals(1, problems.size());
        assertEquals(PATH + ".context", problems.get(0).path());
        assertEquals(
                "context cannot be a template: alert data must never choose the cluster",
                problems.get(0).message());
    }

    @Test
    void malformedTemplateIsAProblem() {
        List<ConfigProblem> problems = problems(Map.of("deployment", "{{ label.service }}", "namespace", "prod"));

        assertEquals(1, problems.size());
        assertEquals(
                "unknown template scope 'label'; use params, labels, annotations or diagnostics",
                problems.get(0).message());
    }

    @Test
    void templatedNamesRenderFromAlertLabels() throws ActionException {
        WorkloadConfig config =
                parse(Map.of("deployment", "{{ labels.service }}-api", "namespace", "{{ labels.namespace }}"));

        WorkloadTarget target = config.render(labels(Map.of("service", "payment", "namespace", "production")));

        assertEquals(new WorkloadTarget("production", "payment-api", Optional.empty()), target);
        assertEquals("deployment/payment-api -n production (default context)", target.kubectlArgs());
    }

    @Test
    void renderedValueThatIsNotAValidNameIsRefusedWithTheValueQuoted() {
        WorkloadConfig config = parse(Map.of("deployment", "{{ labels.service }}", "namespace", "production"));

        ActionException e = assertThrows(
                ActionException.class, () -> config.render(labels(Map.of("service", "payment/../../secrets\nx"))));

        assertEquals(
                "deployment {{ labels.service }} rendered to \"payment/../../secrets\\u000ax\", which is not a valid"
                        + " Kubernetes Deployment name: it must be " + Dns1123.SUBDOMAIN_RULE,
                e.getMessage());
    }

    @Test
    void namespaceMustBeALabelEvenWhenTheDeploymentMayHaveDots() throws ActionException {
        WorkloadConfig config = parse(Map.of("deployment", "web.v2", "namespace", "{{ labels.namespace }}"));

        assertEquals(
                "web.v2", config.render(labels(Map.of("namespace", "prod"))).name());
        ActionException e = assertThrows(
                ActionException.class, () -> config.render(labels(Map.of("namespace", "kube-system,default"))));
        assertTrue(e.getMessage().startsWith("namespace {{ labels.namespace }} rendered to \"kube-system,default\""));
    }

    @Test
    void missingLabelNamesTheVariable() {
        WorkloadConfig config = parse(Map.of("deployment", "{{ labels.service }}", "namespace", "prod"));

        ActionException e = assertThrows(ActionException.class, () -> config.render(TemplateContext.empty()));

        assertEquals("deployment {{ labels.service }}: no value for labels.service", e.getMessage());
    }

    @Test
    void dnsRulesFollowKubernetes() {
        assertTrue(Dns1123.checkLabel("a").isEmpty());
        assertTrue(Dns1123.checkLabel("a-1").isEmpty());
        assertTrue(Dns1123.checkLabel("x".repeat(63)).isEmpty());
        assertTrue(Dns1123.checkLabel("x".repeat(64)).isPresent());
        assertTrue(Dns1123.checkLabel("-a").isPresent());
        assertTrue(Dns1123.checkLabel("a-").isPresent());
        assertTrue(Dns1123.checkLabel("").isPresent());
        assertTrue(Dns1123.checkSubdomain("a.b-c.d").isEmpty());
        assertTrue(Dns1123.checkSubdomain("a..b").isPresent());
        assertTrue(Dns1123.checkSubdomain("*").isPresent());
        assertTrue(Dns1123.checkSubdomain("x".repeat(254)).isPresent());
    }

    @Test
    void aStatefulSetOrADaemonSetIsNamedByItsOwnKey() throws ActionException {
        WorkloadTarget set = parse(Map.of("statefulset", "postgres", "namespace", "production"))
                .render(TemplateContext.empty());
        WorkloadTarget daemons = parse(Map.of("daemonset", "node-exporter", "namespace", "monitoring"))
                .render(TemplateContext.empty());

        assertEquals(new WorkloadTarget("production", "postgres", Optional.empty(), WorkloadKind.STATEFULSET), set);
        assertEquals("statefulset/postgres -n production (default context)", set.kubectlArgs());
        assertEquals("daemonset.apps/node-exporter", daemons.objectName());
    }

    @Test
    void oneWorkloadPerActionAndOnlyTheKindsTheActionCanActOn() {
        assertEquals(
                List.of(new ConfigProblem(
                        PATH + ".statefulset",
                        "restart_service acts on one workload: give one of deployment, statefulset or daemonset, not"
                                + " deployment and statefulset")),
                problems(Map.of("deployment", "api", "statefulset", "api", "namespace", "production")));
        assertEquals(
                List.of(new ConfigProblem(
                        PATH + ".daemonset",
                        "scale_up cannot act on a DaemonSet: it runs one pod per eligible node and has no replica"
                                + " count; restart it, or fix the nodes")),
                scaleProblems(Map.of("daemonset", "node-exporter", "namespace", "monitoring", "replicas", 3)));
        RollbackActionExecutor rollback = new RollbackActionExecutor(KubernetesClusters.lazy(() -> {
            throw new AssertionError("validation never connects");
        }));
        assertEquals(
                List.of(),
                rollback.validate(new StepConfig(Map.of("statefulset", "postgres", "namespace", "db"), PATH)));
        assertEquals(
                List.of(),
                rollback.validate(
                        new StepConfig(Map.of("daemonset", "node-exporter", "namespace", "monitoring"), PATH)));
        assertEquals(
                List.of(
                        new ConfigProblem(
                                PATH + ".replicaset",
                                "unknown key 'replicaset'; rollback takes context, daemonset, deployment, namespace,"
                                        + " statefulset"),
                        new ConfigProblem(
                                PATH + ".deployment",
                                "deployment is required",
                                "for example deployment: payment-service")),
                rollback.validate(new StepConfig(Map.of("replicaset", "api-7d9f", "namespace", "db"), PATH)));
    }

    private static List<ConfigProblem> scaleProblems(Map<String, Object> values) {
        List<ConfigProblem> problems = new ArrayList<>();
        ScaleConfig.parse(new StepConfig(values, PATH), problems);
        return problems;
    }
}
