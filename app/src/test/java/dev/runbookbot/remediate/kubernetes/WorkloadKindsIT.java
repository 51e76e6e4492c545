package dev.runbookbot.remediate.kubernetes;

import static dev.runbookbot.remediate.kubernetes.MockKubernetes.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.runbookbot.remediate.ActionOutcome;
import dev.runbookbot.runbook.ActionType;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.ControllerRevisionBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code restart_service}, {@code scale_up} and {@code rollback} on StatefulSets and DaemonSets, against fabric8's mock
 * API server in CRUD mode on 127.0.0.1: each test creates the objects (with ControllerRevisions for the history a
 * rollback reads), runs the action, and reads the workload back through the API.
 */
class WorkloadKindsIT {
    private static final String NS = "production";
    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00.123Z");

    private MockKubernetes kubernetes;
    private KubernetesClient client;

    @BeforeEach
    void start() throws Exception {
        kubernetes = new MockKubernetes();
        client = kubernetes.client();
    }

    @AfterEach
    void stop() {
        kubernetes.close();
    }

    private static PodTemplateSpec template(String app, String image) {
        return new PodTemplateSpecBuilder()
                .withNewMetadata()
                .addToLabels("app", app)
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName(app)
                .withImage(image)
                .endContainer()
                .endSpec()
                .build();
    }

    private StatefulSet createStatefulSet(int replicas, String image) {
        return client.apps()
                .statefulSets()
                .inNamespace(NS)
                .resource(new StatefulSetBuilder()
                        .withNewMetadata()
                        .withName("postgres")
                        .withNamespace(NS)
                        .endMetadata()
                        .withNewSpec()
                        .withReplicas(replicas)
                        .withServiceName("postgres")
                        .withNewSelector()
                        .addToMatchLabels("app", "postgres")
                        .endSelector()
                        .withTemplate(template("postgres", image))
                        .endSpec()
                        .build())
                .create();
    }

    private DaemonSet createDaemonSet(String image) {
        return client.apps()
                .daemonSets()
                .inNamespace(NS)
                .resource(new DaemonSetBuilder()
                        .withNewMetadata()
                        .withName("node-exporter")
                        .withNamespace(NS)
                        .endMetadata()
                        .withNewSpec()
                        .withNewSelector()
                        .addToMatchLabels("app", "node-exporter")
                        .endSelector()
                        .withTemplate(template("node-exporter", image))
                        .endSpec()
                        .build())
                .create();
    }

    /** A ControllerRevision as the StatefulSet and DaemonSet controllers write them: the template under data.spec. */
    private void createRevision(HasMetadata owner, String app, long revision, String image) {
        Map<String, Object> templateData =
                client.getKubernetesSerialization().convertValue(template(app, image), Map.class);
        templateData.put("$patch", "replace");
        client.apps()
                .controllerRevisions()
                .inNamespace(NS)
                .resource(new ControllerRevisionBuilder()
                        .withNewMetadata()
                        .withName(owner.getMetadata().getName() + "-" + revision)
                        .withNamespace(NS)
                        .addToLabels("app", app)
                        .addNewOwnerReference()
                        .withApiVersion("apps/v1")
                        .withKind(owner.getKind())
                        .withName(owner.getMetadata().getName())
                        .withUid(owner.getMetadata().getUid())
                        .withController(true)
                        .endOwnerReference()
                        .endMetadata()
                        .withRevision(revision)
                        .withData(Map.of("spec", Map.of("template", templateData)))
                        .build())
                .create();
    }

    private StatefulSet statefulSet() {
        return client.apps().statefulSets().inNamespace(NS).withName("postgres").get();
    }

    private DaemonSet daemonSet() {
        return client.apps()
                .daemonSets()
                .inNamespace(NS)
                .withName("node-exporter")
                .get();
    }

    @Test
    void restartOfAStatefulSetAndOfADaemonSetSetsTheirPodTemplatesAnnotation() {
        createStatefulSet(3, "registry/postgres:16");
        createDaemonSet("registry/node-exporter:1.8");
        RestartServiceActionExecutor restart =
                new RestartServiceActionExecutor(kubernetes.clusters(), Clock.fixed(NOW, ZoneOffset.UTC));

        ActionOutcome set = restart.execute(
                request(ActionType.RESTART_SERVICE, Map.of("statefulset", "postgres", "namespace", NS)));
        ActionOutcome daemons = restart.execute(
                request(ActionType.RESTART_SERVICE, Map.of("daemonset", "node-exporter", "namespace", NS)));

        assertEquals(
                new ActionOutcome.Completed(
                        "statefulset.apps/postgres restarted\nkubectl.kubernetes.io/restartedAt=2025-03-01T12:00:00Z"),
                set);
        assertEquals(
                new ActionOutcome.Completed("daemonset.apps/node-exporter restarted\n"
                        + "kubectl.kubernetes.io/restartedAt=2025-03-01T12:00:00Z"),
                daemons);
        assertEquals(
                "2025-03-01T12:00:00Z",
                statefulSet()
                        .getSpec()
                        .getTemplate()
                        .getMetadata()
                        .getAnnotations()
                        .get(RestartServiceActionExecutor.RESTARTED_AT));
        assertEquals(3, statefulSet().getSpec().getReplicas());
        assertEquals(
                "2025-03-01T12:00:00Z",
                daemonSet()
                        .getSpec()
                        .getTemplate()
                        .getMetadata()
                        .getAnnotations()
                        .get(RestartServiceActionExecutor.RESTARTED_AT));
        ActionOutcome missing =
                restart.execute(request(ActionType.RESTART_SERVICE, Map.of("statefulset", "missing", "namespace", NS)));
        assertEquals(
                "statefulset missing not found in namespace production (default context); nothing was changed",
                assertInstanceOf(ActionOutcome.Failed.class, missing).reason());
    }

    @Test
    void restartOfADaemonSetThatUpdatesOnDeleteSaysThePodsMustBeDeleted() {
        createDaemonSet("registry/node-exporter:1.8");
        client.apps().daemonSets().inNamespace(NS).withName("node-exporter").edit(d -> new DaemonSetBuilder(d)
                .editSpec()
                .withNewUpdateStrategy()
                .withType("OnDelete")
                .endUpdateStrategy()
                .endSpec()
                .build());

        ActionOutcome outcome = new RestartServiceActionExecutor(
                        kubernetes.clusters(), Clock.fixed(NOW, ZoneOffset.UTC))
                .execute(request(ActionType.RESTART_SERVICE, Map.of("daemonset", "node-exporter", "namespace", NS)));

        assertEquals(
                new ActionOutcome.Completed("daemonset.apps/node-exporter restarted\n"
                        + "kubectl.kubernetes.io/restartedAt=2025-03-01T12:00:00Z\n"
                        + "note: its update strategy is OnDelete, so the controller replaces a pod only when it is"
                        + " deleted; delete the pods to restart them"),
                outcome);
    }

    @Test
    void scaleUpOfAStatefulSetChangesItsReplicas() {
        createStatefulSet(2, "registry/postgres:16");

        ActionOutcome outcome = new ScaleUpActionExecutor(kubernetes.clusters())
                .execute(request(
                        ActionType.SCALE_UP,
                        Map.of("statefulset", "postgres", "namespace", NS, "step", 1, "max_replicas", 5)));

        assertEquals(new ActionOutcome.Completed("statefulset.apps/postgres scaled: 2 -> 3 replicas"), outcome);
        assertEquals(3, statefulSet().getSpec().getReplicas());
    }

    @Test
    void rollbackOfAStatefulSetRestoresThePreviousControllerRevisionsTemplate() {
        StatefulSet set = createStatefulSet(3, "registry/postgres:16.2");
        createRevision(set, "postgres", 1, "registry/postgres:16.0");
        createRevision(set, "postgres", 2, "registry/postgres:16.1");
        createRevision(set, "postgres", 3, "registry/postgres:16.2");

        ActionOutcome outcome = new RollbackActionExecutor(kubernetes.clusters())
                .execute(request(ActionType.ROLLBACK, Map.of("statefulset", "postgres", "namespace", NS)));

        assertEquals(
                new ActionOutcome.Completed("statefulset.apps/postgres rolled back from revision 3 to revision 2\n"
                        + "container postgres: registry/postgres:16.2 -> registry/postgres:16.1"),
                outcome);
        StatefulSet after = statefulSet();
        assertEquals(
                "registry/postgres:16.1",
                after.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
        assertEquals(
                Map.of("app", "postgres"),
                after.getSpec().getTemplate().getMetadata().getLabels());
        assertEquals(3, after.getSpec().getReplicas());
    }

    @Test
    void rollbackOfADaemonSetIgnoresRevisionsItDoesNotOwnAndRefusesWithoutAPreviousOne() {
        DaemonSet daemons = createDaemonSet("registry/node-exporter:1.8");
        createRevision(daemons, "node-exporter", 4, "registry/node-exporter:1.8");
        StatefulSet other = createStatefulSet(1, "registry/postgres:16");
        createRevision(other, "node-exporter", 3, "registry/node-exporter:1.7"); // same labels, another owner
        RollbackActionExecutor rollback = new RollbackActionExecutor(kubernetes.clusters());

        ActionOutcome alone =
                rollback.execute(request(ActionType.ROLLBACK, Map.of("daemonset", "node-exporter", "namespace", NS)));

        assertEquals(
                "no previous revision to roll back to: daemonset/node-exporter in namespace production (default"
                        + " context) has only revision 4; nothing was changed",
                assertInstanceOf(ActionOutcome.Failed.class, alone).reason());
        createRevision(daemons, "node-exporter", 2, "registry/node-exporter:1.6");

        ActionOutcome outcome =
                rollback.execute(request(ActionType.ROLLBACK, Map.of("daemonset", "node-exporter", "namespace", NS)));

        assertEquals(
                new ActionOutcome.Completed("daemonset.apps/node-exporter rolled back from revision 4 to revision 2\n"
                        + "container node-exporter: registry/node-exporter:1.8 -> registry/node-exporter:1.6"),
                outcome);
        assertEquals(
                "registry/node-exporter:1.6",
                daemonSet()
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0)
                        .getImage());
        ActionOutcome again =
                rollback.execute(request(ActionType.ROLLBACK, Map.of("daemonset", "node-exporter", "namespace", NS)));
        assertEquals(
                "nothing to roll back: the pod template of daemonset/node-exporter in namespace production (default"
                        + " context) already matches revision 2",
                assertInstanceOf(ActionOutcome.Failed.class, again).reason());
    }
}
