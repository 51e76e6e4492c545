package dev.runbookbot.remediate.kubernetes;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.api.model.PodListBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetList;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mock API server's CRUD mode plus the two things a drain needs that it lacks, done as the API server does them:
 * listing pods by the {@code spec.nodeName} field selector, and the pods' {@code eviction} subresource, which refuses
 * (429) an eviction when a PodDisruptionBudget selecting the pod allows no disruption, and otherwise deletes the pod and
 * takes one disruption (and one healthy pod) off each budget that selects it. Budgets select by {@code matchLabels}.
 */
final class EvictingDispatcher extends KubernetesMixedDispatcher {
    private static final Pattern EVICTION = Pattern.compile("/api/v1/namespaces/([^/]+)/pods/([^/?]+)/eviction");
    private static final Pattern ALL_PODS = Pattern.compile("/api/v1/pods\\?(.*)");

    private final KubernetesSerialization json = new KubernetesSerialization();

    EvictingDispatcher(Map<ServerRequest, Queue<ServerResponse>> expectations) {
        super(expectations);
    }

    @Override
    public synchronized MockResponse dispatch(RecordedRequest request) {
        Matcher eviction = EVICTION.matcher(request.getPath());
        if (request.method() == HttpMethod.POST && eviction.matches()) {
            return evict(eviction.group(1), eviction.group(2));
        }
        Matcher allPods = ALL_PODS.matcher(request.getPath());
        if (request.method() == HttpMethod.GET && allPods.matches()) {
            String query = URLDecoder.decode(allPods.group(1), StandardCharsets.UTF_8);
            for (String parameter : query.split("&")) {
                if (parameter.startsWith("fieldSelector=spec.nodeName=")) {
                    return podsOn(parameter.substring("fieldSelector=spec.nodeName=".length()));
                }
            }
        }
        return super.dispatch(request);
    }

    private MockResponse podsOn(String node) {
        PodList all = read("/api/v1/pods", PodList.class);
        PodList onNode = new PodListBuilder(all)
                .withItems(all.getItems().stream()
                        .filter(p -> node.equals(p.getSpec().getNodeName()))
                        .toList())
                .build();
        return new MockResponse().setResponseCode(200).setBody(json.asJson(onNode));
    }

    private MockResponse evict(String namespace, String name) {
        String podPath = "/api/v1/namespaces/" + namespace + "/pods/" + name;
        MockResponse found = call(HttpMethod.GET, podPath, null);
        if (found.code() != 200) {
            return found;
        }
        Pod pod = json.unmarshal(found.getBody().readUtf8(), Pod.class);
        String budgetsPath = "/apis/policy/v1/namespaces/" + namespace + "/poddisruptionbudgets";
        List<PodDisruptionBudget> budgets = read(budgetsPath, PodDisruptionBudgetList.class).getItems().stream()
                .filter(b -> selects(b, pod))
                .toList();
        for (PodDisruptionBudget budget : budgets) {
            if (budget.getStatus().getDisruptionsAllowed() < 1) {
                return new MockResponse()
                        .setResponseCode(429)
                        .setBody(json.asJson(new StatusBuilder()
                                .withStatus("Failure")
                                .withCode(429)
                                .withReason("TooManyRequests")
                                .withMessage("Cannot evict pod as it would violate the pod's disruption budget.")
                                .build()));
            }
        }
        call(HttpMethod.DELETE, podPath, null);
        for (PodDisruptionBudget budget : budgets) {
            budget.getStatus().setDisruptionsAllowed(budget.getStatus().getDisruptionsAllowed() - 1);
            budget.getStatus().setCurrentHealthy(budget.getStatus().getCurrentHealthy() - 1);
            call(HttpMethod.PUT, budgetsPath + "/" + budget.getMetadata().getName(), json.asJson(budget));
        }
        return new MockResponse()
                .setResponseCode(201)
                .setBody(json.asJson(
                        new StatusBuilder().withStatus("Success").withCode(201).build()));
    }

    private static boolean selects(PodDisruptionBudget budget, Pod pod) {
        Map<String, String> labels = pod.getMetadata().getLabels();
        return budget.getSpec().getSelector().getMatchLabels().entrySet().stream()
                .allMatch(e -> labels != null && e.getValue().equals(labels.get(e.getKey())));
    }

    private <T> T read(String path, Class<T> type) {
        return json.unmarshal(call(HttpMethod.GET, path, null).getBody().readUtf8(), type);
    }

    private MockResponse call(HttpMethod method, String path, String body) {
        Buffer buffer = new Buffer();
        if (body != null) {
            buffer.writeUtf8(body);
        }
        Headers headers =
                Headers.builder().add("Content-Type", "application/json").build();
        return super.dispatch(new RecordedRequest("HTTP/1.1", method, path, headers, buffer));
    }
}
