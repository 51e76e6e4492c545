package dev.runbookbot.remediate.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.mockito.Mockito.mock;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A lazy default client is asked for only when an action needs it, so a bot that never acts on Kubernetes never builds one. */
class KubernetesClustersTest {
    @Test
    void theDefaultClientIsBuiltOnlyWhenFirstAskedFor() {
        KubernetesClient client = mock(KubernetesClient.class);
        AtomicInteger built = new AtomicInteger();
        KubernetesClusters clusters = KubernetesClusters.lazy(() -> {
            built.incrementAndGet();
            return client;
        });

        assertEquals(0, built.get(), "nothing built with the clusters");
        assertEquals(Optional.empty(), clusters.client(Optional.of("prod")), "an unknown context builds nothing");
        assertEquals(0, built.get());
        assertSame(client, clusters.client(Optional.empty()).orElseThrow());
        assertEquals(1, built.get());
    }
}
