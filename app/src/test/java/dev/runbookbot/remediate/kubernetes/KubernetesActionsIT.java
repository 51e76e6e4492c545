package dev.runbookbot.remediate.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.remediate.ActionException;
import dev.runbookbot.remediate.ActionOutcome;
import dev.runbookbot.remediate.ActionPreview;
import dev.runbookbot.remediate.ActionRequest;
import dev.runbookbot.runbook.ActionSpec;
import dev.runbookbot.runbook.ActionType;
import dev.runbookbot.runbook.ConfigProblem;
import dev.runbookbot.runbook.StepConfig;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The three Kubernetes actions against fabric8's mock API server in CRUD mode on 127.0.0.1: every test creates the
 * objects, runs the action, and reads the Deployment back through the API to see what a cluster would see.
 */
class KubernetesActionsIT {
    private static final String NS = "production";
    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00.123Z");

    private KubernetesMockServer server;
    private KubernetesClient client;
    private KubernetesClusters clusters;

    @BeforeEach
    void startServer() throws Exception {
        Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
        // CRUD mode, as @EnableKubernetesMockClient(crud = true) builds it, but bound to 127.0.0.1 over plain HTTP.
        server = new KubernetesMockServer(
                new Context(), new MockWebServer(), expectations, new KubernetesMixedDispatcher(expectations), false);
        server.init(InetAddress.getByName("127.0.0.1"), 0);
        client = server.createClient();
        clusters = new KubernetesClusters(client, Map.of("prod", client));
    }

    @AfterEach
    void stopServer() {
        client.close();
        server.destroy();
    }

    private static ActionRequest request(ActionType type, Map<String, Object> config, TemplateContext context) {
        return new ActionRequest(
                "rem-1",
                new ActionSpec(type, new StepConfig(config, "remediations[0].action.config")),
                context,
                "prod",
                Duration.ofSeconds(30),
                "incident-1/rem-1/1");
    }

    private static ActionRequest request(ActionType type, Map<String, Object> config) {
        return request(type, config, TemplateContext.empty());
    }

    private static PodTemplateSpec template(String image, String hash) {
        PodTemplateSpecBuilder b = new PodTemplateSpecBuilder()
                .withNewMetadata()
                .addToLabels("app", "payment")
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("app")
                .withImage(image)
                .endContainer()
                .endSpec();
        if (hash != null) {
            b.editMetadata().addToLabels("pod-template-hash", hash).endMetadata();
        }
        return b.build();
    }

    private Deployment createDeployment(String name, int replicas, String image) {
        return client.apps()
                .deployments()
                .inNamespace(NS)
                .resource(new DeploymentBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .withNamespace(NS)
                        .addToAnnotations(RollbackActionExecutor.REVISION, "3")
                        .addToAnnotations("team", "payments")
                        .endMetadata()
                        .withNewSpec()
                        .withReplicas(replicas)
                        .withNewSelector()
                        .addToMatchLabels("app", "payment")
                        .endSelector()
                        .withTemplate(new PodTemplateSpecBuilder(template(image, null))
                                .editMetadata()
                                .addToAnnotations("prometheus.io/scrape", "true")
                                .endMetadata()
                                .build())
                        .endSpec()
                        .build())
                .create();
    }

    private void createReplicaSet(Deployment owner, String ownerUid, int revision, String image, String cause) {
        String hash = "h" + revision;
        client.apps()
                .replicaSets()
                .inNamespace(NS)
                .resource(new ReplicaSetBuilder()
                        .withMetadata(new ObjectMetaBuilder()
                                .withName(owner.getMetadata().getName() + "-" + hash + "-" + ownerUid.hashCode())
                                .withNamespace(NS)
                                .addToLabels("app", "payment")
                                .addToLabels("pod-template-hash", hash)
                                .addToAnnotations(RollbackActionExecutor.REVISION, Integer.toString(revision))
                                .addToAnnotations("kubernetes.io/change-cause", cause)
                                .addNewOwnerReference()
                                .withApiVersion("apps/v1")
                                .withKind("Deployment")
                                .withName(owner.getMetadata().getName())
                                .withUid(ownerUid)
                                .withController(true)
                                .endOwnerReference()
                                .build())
                        .withNewSpec()
                        .withReplicas(0)
                        .withNewSelector()
                        .addToMatchLabels("app", "payment")
                        .addToMatchLabels("pod-template-hash", hash)
                        .endSelector()
                        .withTemplate(template(image, hash))
                        .endSpec()
                        .build())
                .create();
    }

    private Deployment read(String name) {
        return client.apps().deployments().inNamespace(NS).withName(name).get();
    }

    private static String image(Deployment d) {
        return d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    }

    // restart_service

    @Test
    void restartSetsTheRestartedAtAnnotationOnThePodTemplate() {
        createDeployment("payment-service", 3, "registry/payment:v3");
        RestartServiceActionExecutor restart =
                new RestartServiceActionExecutor(clusters, Clock.fixed(NOW, ZoneOffset.UTC));

        ActionOutcome outcome = restart.execute(request(
                ActionType.RESTART_SERVICE,
                Map.of("deployment", "payment-service", "namespace", NS, "context", "prod")));

        assertEquals(
                new ActionOutcome.Completed(
                        "deployment.apps/payment-service restarted\nkubectl.kubernetes.io/restartedAt=2025-03-01T12:00:00Z"),
                outcome);
        Deployment after = read("payment-service");
        Map<String, String> annotations =
                after.getSpec().getTemplate().getMetadata().getAnnotations();
        assertEquals("2025-03-01T12:00:00Z", annotations.get(RestartServiceActionExecutor.RESTARTED_AT));
        assertEquals("true", annotations.get("prometheus.io/scrape"));
        assertEquals("registry/payment:v3", image(after));
        assertEquals(3, after.getSpec().getReplicas());
    }

    @Test
    void restartOfAPausedDeploymentIsRefusedAndChangesNothing() {
        createDeployment("payment-service", 3, "registry/payment:v3");
        client.apps().deployments().inNamespace(NS).withName("payment-service").edit(d -> new DeploymentBuilder(d)
                .editSpec()
                .withPaused(true)
                .endSpec()
                .build());
        RestartServiceActionExecutor restart = new RestartServiceActionExecutor(clusters, Clock.systemUTC());

        ActionOutcome outcome = restart.execute(
                request(ActionType.RESTART_SERVICE, Map.of("deployment", "payment-service", "namespace", NS)));

        assertEquals(
                new ActionOutcome.Failed(
                        "refused: deployment/payment-service in namespace production (default context) is paused;"
                                + " resume it (kubectl rollout resume) and try again",
                        ""),
                outcome);
        assertNull(read("payment-service")
                .getSpec()
                .getTemplate()
                .getMetadata()
                .getAnnotations()
                .get(RestartServiceActionExecutor.RESTARTED_AT));
    }

    @Test
    void templatedNamesComeFromTheAlertAndAreRenderedBeforeTheCall() {
        createDeployment("payment-service", 3, "registry/payment:v3");
        RestartServiceActionExecutor restart =
                new RestartServiceActionExecutor(clusters, Clock.fixed(NOW, ZoneOffset.UTC));
        TemplateContext alert = new TemplateContext(Map.of(), Map.of("service", "payment", "namespace", NS), Map.of());

        ActionOutcome outcome = restart.execute(request(
                ActionType.RESTART_SERVICE,
                Map.of("deployment", "{{ labels.service }}-service", "namespace", "{{ labels.namespace }}"),
                alert));

        assertInstanceOf(ActionOutcome.Completed.class, outcome);
        assertEquals(
                "2025-03-01T12:00:00Z",
                read("payment-service")
                        .getSpec()
                        .getTemplate()
                        .getMetadata()
                        .getAnnotations()
                        .get(RestartServiceActionExecutor.RESTARTED_AT));
    }

    @Test
    void invalidTemplatedNameIsRefusedWithoutCallingTheApi() {
        createDeployment("payment-service", 3, "registry/payment:v3");
        int requestsBefore = server.getRequestCount();
        RestartServiceActionExecutor restart = new RestartServiceActionExecutor(clusters, Clock.systemUTC());
        TemplateContext hostile =
                new TemplateContext(Map.of(), Map.of("service", "payment-service?labelSelector=x"), Map.of());

        ActionOutcome outcome = restart.execute(request(
                ActionType.RESTART_SERVICE, Map.of("deployment", "{{ labels.service }}", "namespace", NS), hostile));

        assertEquals(
                new ActionOutcome.Failed(
                        "deployment {{ labels.service }} rendered to \"payment-service?labelSelector=x\", which is"
                                + " not a valid Kubernetes Deployment name: it must be " + Dns1123.SUBDOMAIN_RULE,
                        ""),
                outcome);
        assertEquals(requestsBefore, server.getRequestCount());
    }

    @Test
    void missingDeploymentIsAClearFailureForEveryAction() {
        Map<String, Object> target = Map.of("deployment", "payment-service", "namespace", "staging", "context", "prod");
        String expected =
                "deployment payment-service not found in namespace staging (context: prod);" + " nothing was changed";

        assertEquals(
                new ActionOutcome.Failed(expected, ""),
                new RestartServiceActionExecutor(clusters, Clock.systemUTC())
                        .execute(request(ActionType.RESTART_SERVICE, target)));
        assertEquals(
                new ActionOutcome.Failed(expected, ""),
                new RollbackActionExecutor(clusters).execute(request(ActionType.ROLLBACK, target)));
        Map<String, Object> scale = new HashMap<>(target);
        scale.put("replicas", 4);
        assertEquals(
                new ActionOutcome.Failed(expected, ""),
                new ScaleUpActionExecutor(clusters).execute(request(ActionType.SCALE_UP, scale)));
    }

    @Test
    void unknownContextIsAConfigProblemAndPreviewRefusesIt() {
        RestartServiceActionExecutor restart = new RestartServiceActionExecutor(clusters, Clock.systemUTC());
        Map<String, Object> config = Map.of("deployment", "api", "namespace", NS, "context", "staging-eu");

        assertEquals(
                List.of(new ConfigProblem(
                        "remediations[0].action.config.context",
                        "unknown Kubernetes context 'staging-eu'; configured contexts: prod")),
                restart.validate(new StepConfig(config, "remediations[0].action.config")));
        ActionException e =
                assertThrows(ActionException.class, () -> restart.preview(request(ActionType.RESTART_SERVICE, config)));
        assertEquals("unknown Kubernetes context 'staging-eu'; configured contexts: prod", e.getMessage());
    }

    @Test
    void previewsAreKubectlLinesAndTouchNothing() throws ActionException {
        int requestsBefore = server.getRequestCount();
        Map<String, Object> target = Map.of("deployment", "payment-service", "namespace", NS, "context", "prod");
        Map<String, Object> scale = new HashMap<>(target);
        scale.put("step", 2);
        scale.put("max_replicas", 10);

        ActionPreview restart = new RestartServiceActionExecutor(clusters, Clock.systemUTC())
                .preview(request(ActionType.RESTART_SERVICE, target));
        ActionPreview scaleUp = new ScaleUpActionExecutor(clusters).preview(request(ActionType.SCALE_UP, scale));
        ActionPreview rollback = new RollbackActionExecutor(clusters).preview(request(ActionType.ROLLBACK, target));

        assertEquals("deployment/payment-service in namespace production (context: prod)", restart.target());
        assertEquals(
                "kubectl rollout restart deployment/payment-service -n production (context: prod)",
                restart.lines().get(0));
        assertEquals(
                List.of("kubectl scale deployment/payment-service -n production (context: prod)"
                        + " --replicas=<current + 2> (refused above 10)"),
                scaleUp.lines());
        assertEquals(
                "kubectl rollout undo deployment/payment-service -n production (context: prod)",
                rollback.lines().get(0));
        assertEquals(requestsBefore, server.getRequestCount());
    }

    // scale_up

    @Test
    void scaleToAnAbsoluteCountChangesTheReplicas() {
        createDeployment("payment-service", 3, "registry/payment:v3");

        ActionOutcome outcome = new ScaleUpActionExecutor(clusters)
                .execute(request(
                        ActionType.SCALE_UP, Map.of("deployment", "payment-service", "namespace", NS, "replicas", 6)));

        assertEquals(new ActionOutcome.Completed("deployment.apps/payment-service scaled: 3 -> 6 replicas"), outcome);
        assertEquals(6, read("payment-service").getSpec().getReplicas());
    }

    @Test
    void scaleByAStepWithinTheBound() {
        createDeployment("payment-service", 3, "registry/payment:v3");

        ActionOutcome outcome = new ScaleUpActionExecutor(clusters)
                .execute(request(
                        ActionType.SCALE_UP,
                        Map.of("deployment", "payment-service", "namespace", NS, "step", 2, "max_replicas", 10)));

        assertEquals(new ActionOutcome.Completed("deployment.apps/payment-service scaled: 3 -> 5 replicas"), outcome);
        assertEquals(5, read("payment-service").getSpec().getReplicas());
    }

    @Test
    void scaleAboveTheBoundIsRefusedWithTheReasonAndChangesNothing() {
        createDeployment("payment-service", 9, "registry/payment:v3");

        ActionOutcome outcome = new ScaleUpActionExecutor(clusters)
                .execute(request(
                        ActionType.SCALE_UP,
                        Map.of("deployment", "payment-service", "namespace", NS, "step", 2, "max_replicas", 10)));

        assertEquals(
                new ActionOutcome.Failed(
                        "refused: scaling by 2 from 9 replicas would reach 11, above max_replicas 10; nothing was"
                                + " changed (deployment/payment-service in namespace production (default context))",
                        ""),
                outcome);
        assertEquals(9, read("payment-service").getSpec().getReplicas());
    }

    @Test
    void scaleUpNeverScalesDown() {
        createDeployment("payment-service", 8, "registry/payment:v3");

        ActionOutcome outcome = new ScaleUpActionExecutor(clusters)
                .execute(request(
                        ActionType.SCALE_UP, Map.of("deployment", "payment-service", "namespace", NS, "replicas", 4)));

        assertInstanceOf(ActionOutcome.Failed.class, outcome);
        assertEquals(8, read("payment-service").getSpec().getReplicas());
    }

    // rollback

    @Test
    void rollbackRestoresThePreviousRevisionsPodTemplate() {
        Deployment created = createDeployment("payment-service", 3, "registry/payment:v3");
        String uid = read("payment-service").getMetadata().getUid();
        createReplicaSet(created, uid, 1, "registry/payment:v1", "deploy v1");
        createReplicaSet(created, uid, 2, "registry/payment:v2", "deploy v2");
        createReplicaSet(created, uid, 3, "registry/payment:v3", "deploy v3");
        // Same labels, higher revision, but controlled by another Deployment: must be ignored.
        createReplicaSet(created, "another-owner", 7, "registry/other:v7", "someone else's");

        ActionOutcome outcome = new RollbackActionExecutor(clusters)
                .execute(request(ActionType.ROLLBACK, Map.of("deployment", "payment-service", "namespace", NS)));

        assertEquals(
                new ActionOutcome.Completed("deployment.apps/payment-service rolled back from revision 3 to revision 2"
                        + "\ncontainer app: registry/payment:v3 -> registry/payment:v2"),
                outcome);
        Deployment after = read("payment-service");
        assertEquals("registry/payment:v2", image(after));
        assertFalse(after.getSpec().getTemplate().getMetadata().getLabels().containsKey("pod-template-hash"));
        assertEquals(
                "payment",
                after.getSpec().getTemplate().getMetadata().getLabels().get("app"));
        // The template is the ReplicaSet's, so the annotation only the Deployment's template had is gone.
        assertFalse(after.getSpec().getTemplate().getMetadata().getAnnotations().containsKey("prometheus.io/scrape"));
        assertEquals("deploy v2", after.getMetadata().getAnnotations().get("kubernetes.io/change-cause"));
        assertEquals("3", after.getMetadata().getAnnotations().get(RollbackActionExecutor.REVISION));
        assertEquals(3, after.getSpec().getReplicas());
    }

    @Test
    void rollbackWithoutAPreviousRevisionFailsWithTheReason() {
        Deployment created = createDeployment("payment-service", 3, "registry/payment:v1");
        createReplicaSet(created, read("payment-service").getMetadata().getUid(), 1, "registry/payment:v1", "first");

        ActionOutcome outcome = new RollbackActionExecutor(clusters)
                .execute(request(ActionType.ROLLBACK, Map.of("deployment", "payment-service", "namespace", NS)));

        assertEquals(
                new ActionOutcome.Failed(
                        "no previous revision to roll back to: deployment/payment-service in namespace production"
                                + " (default context) has only revision 1; nothing was changed",
                        ""),
                outcome);
        assertEquals("registry/payment:v1", image(read("payment-service")));
    }

    @Test
    void rollbackWhenThePreviousTemplateIsAlreadyLiveFails() {
        Deployment created = createDeployment("payment-service", 3, "registry/payment:v2");
        client.apps().deployments().inNamespace(NS).withName("payment-service").edit(d -> new DeploymentBuilder(d)
                .editSpec()
                .withTemplate(template("registry/payment:v2", null))
                .endSpec()
                .build());
        String uid = read("payment-service").getMetadata().getUid();
        createReplicaSet(created, uid, 2, "registry/payment:v2", "v2");
        createReplicaSet(created, uid, 3, "registry/payment:v3", "v3");

        ActionOutcome outcome = new RollbackActionExecutor(clusters)
                .execute(request(ActionType.ROLLBACK, Map.of("deployment", "payment-service", "namespace", NS)));

        assertEquals(
                new ActionOutcome.Failed(
                        "nothing to roll back: the pod template of deployment/payment-service in namespace production"
                                + " (default context) already matches revision 2",
                        ""),
                outcome);
    }
}
