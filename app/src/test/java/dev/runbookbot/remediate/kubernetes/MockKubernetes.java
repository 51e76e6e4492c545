package dev.runbookbot.remediate.kubernetes;

import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.remediate.ActionRequest;
import dev.runbookbot.runbook.ActionSpec;
import dev.runbookbot.runbook.ActionType;
import dev.runbookbot.runbook.StepConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;

/**
 * fabric8's mock Kubernetes API server in CRUD mode, bound to 127.0.0.1 over plain HTTP, with evictions and the
 * node's-pods field selector as an API server does them ({@link EvictingDispatcher}); expectations set on {@link
 * #server()} are answered first.
 */
final class MockKubernetes implements AutoCloseable {
    private final KubernetesMockServer server;
    private final KubernetesClient client;

    MockKubernetes() throws IOException {
        Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
        server = new KubernetesMockServer(
                new Context(), new MockWebServer(), expectations, new EvictingDispatcher(expectations), false);
        server.init(InetAddress.getByName("127.0.0.1"), 0);
        client = server.createClient();
    }

    KubernetesMockServer server() {
        return server;
    }

    KubernetesClient client() {
        return client;
    }

    KubernetesClusters clusters() {
        return KubernetesClusters.of(client);
    }

    static ActionRequest request(ActionType type, Map<String, Object> config) {
        return new ActionRequest(
                "rem-1",
                new ActionSpec(type, new StepConfig(config, "remediations[0].action.config")),
                TemplateContext.empty(),
                "prod",
                Duration.ofSeconds(30),
                "incident-1/rem-1/1");
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
