package dev.runbookbot.runtime;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.config.Settings;
import dev.runbookbot.remediate.ActionExecutor;
import dev.runbookbot.remediate.kubernetes.KubernetesClusters;
import dev.runbookbot.runbook.ActionType;
import dev.runbookbot.secrets.SecretResolver;
import dev.runbookbot.testing.RecordingChatGateway;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/** The escalate action pages through PagerDuty only when PagerDuty is configured; otherwise the escalator posts. */
class RemediationAssemblyTest {
    @Test
    void theEscalateActionIsRegisteredOnlyWithARoutingKey() {
        assertFalse(types(Map.of()).contains(ActionType.ESCALATE));
        assertTrue(types(Map.of("RUNBOOK_PAGERDUTY_ROUTING_KEY_SECRET", "pd-routing"))
                .contains(ActionType.ESCALATE));
    }

    private static List<ActionType> types(Map<String, String> env) {
        Settings settings = Settings.load(Optional.empty(), env);
        // Building the client reads kubeconfig; nothing is contacted.
        try (KubernetesClient kubernetes = new KubernetesClientBuilder().build()) {
            return RemediationAssembly.actionExecutors(
                            settings,
                            KubernetesClusters.of(kubernetes),
                            new RecordingChatGateway(),
                            new OkHttpClient(),
                            SecretResolver.none(),
                            Clock.systemUTC())
                    .stream()
                    .map(ActionExecutor::type)
                    .toList();
        }
    }
}
