package dev.runbookbot.runtime;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.function.Supplier;

/**
 * The bot's default Kubernetes client, built on first use: reading kubeconfig (or the in-cluster service account) and
 * loading the fabric8 client cost start-up time and memory that a bot which never restarts, scales or rolls back a
 * Deployment should not pay. Built once; {@link #close()} closes it if it was built. Thread-safe.
 */
final class LazyKubernetesClient implements Supplier<KubernetesClient>, AutoCloseable {
    private KubernetesClient client;
    private boolean closed;

    @Override
    public synchronized KubernetesClient get() {
        if (closed) {
            throw new IllegalStateException("the bot is stopping; no Kubernetes client is built any more");
        }
        if (client == null) {
            // Reads kubeconfig or the in-cluster service account; contacts nothing until the action's request.
            client = new KubernetesClientBuilder().build();
        }
        return client;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (client != null) {
            client.close();
        }
    }
}
