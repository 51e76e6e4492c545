package dev.runbookbot.remediate.kubernetes;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Evicts pods through the Eviction API, as {@code kubectl drain} does, so that the API server checks each eviction
 * against the pod's PodDisruptionBudgets: an eviction a budget refuses (429) is retried every {@code retryInterval}
 * until the deadline, and an accepted one is followed until the pod is gone (deleted, or replaced by a pod of the same
 * name with another UID). What is still refused or terminating at the deadline is reported with why: for a 429, the
 * budget that selects the pod and how many disruptions it allows. Not thread-safe: one drain at a time.
 */
final class PodEvictions {
    private final KubernetesClient client;
    private final Duration pollInterval;
    private final Duration retryInterval;

    PodEvictions(KubernetesClient client, Duration pollInterval, Duration retryInterval) {
        this.client = client;
        this.pollInterval = pollInterval;
        this.retryInterval = retryInterval;
    }

    /** What became of the pods: evicted and gone, or not, with why ({@code namespace/name} -> reason). */
    record Result(List<String> evicted, Map<String, String> notEvicted, boolean interrupted) {}

    private static final class Eviction {
        final Pod pod;
        String refusal = "";
        long retryAt;
        boolean accepted;
        boolean gone;
        String failure;

        Eviction(Pod pod) {
            this.pod = pod;
        }
    }

    /** Evicts {@code pods}, giving up at {@code deadline} ({@link System#nanoTime()}). */
    Result evict(List<Pod> pods, long deadline) {
        List<Eviction> evictions = pods.stream().map(Eviction::new).toList();
        boolean interrupted = false;
        while (true) {
            long now = System.nanoTime();
            for (Eviction e : evictions) {
                if (e.gone || e.failure != null) {
                    continue;
                }
                if (!e.accepted && now >= e.retryAt) {
                    attempt(e);
                    e.retryAt = now + retryInterval.toNanos();
                }
                if (e.accepted && isGone(e.pod)) {
                    e.gone = true;
                }
            }
            boolean done = evictions.stream().allMatch(e -> e.gone || e.failure != null);
            long left = deadline - System.nanoTime();
            if (done || left <= 0) {
                break;
            }
            try {
                Thread.sleep(Math.max(1, Math.min(pollInterval.toMillis(), left / 1_000_000)));
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                interrupted = true;
                break;
            }
        }
        List<String> evicted = new ArrayList<>();
        Map<String, String> notEvicted = new LinkedHashMap<>();
        for (Eviction e : evictions) {
            String name = DrainPlan.name(e.pod);
            if (e.gone) {
                evicted.add(name);
            } else if (e.failure != null) {
                notEvicted.put(name, e.failure);
            } else if (e.accepted) {
                notEvicted.put(name, "eviction accepted, but the pod was still terminating when the drain stopped");
            } else {
                notEvicted.put(name, e.refusal.isEmpty() ? "not attempted before the drain stopped" : e.refusal);
            }
        }
        return new Result(evicted, notEvicted, interrupted);
    }

    private void attempt(Eviction e) {
        String namespace = e.pod.getMetadata().getNamespace();
        try {
            if (client.pods()
                    .inNamespace(namespace)
                    .withName(e.pod.getMetadata().getName())
                    .evict()) {
                e.accepted = true;
            } else {
                e.refusal = refusal(e.pod);
            }
        } catch (KubernetesClientException ex) {
            if (ex.getCode() == 404) {
                e.accepted = true; // already gone
            } else {
                e.failure = "eviction failed: the Kubernetes API answered " + ex.getCode() + ": "
                        + (ex.getStatus() != null && ex.getStatus().getMessage() != null
                                ? ex.getStatus().getMessage()
                                : ex.getMessage());
            }
        }
    }

    private boolean isGone(Pod pod) {
        Pod now = client.pods()
                .inNamespace(pod.getMetadata().getNamespace())
                .withName(pod.getMetadata().getName())
                .get();
        return now == null
                || !Objects.equals(now.getMetadata().getUid(), pod.getMetadata().getUid());
    }

    /** Why a 429 refused the eviction: the budgets that select the pod, with what they allow now. */
    private String refusal(Pod pod) {
        String namespace = pod.getMetadata().getNamespace();
        List<PodDisruptionBudget> budgets;
        try {
            budgets = client.policy().v1().podDisruptionBudget().inNamespace(namespace).list().getItems().stream()
                    .filter(b -> b.getSpec() != null
                            && LabelSelectors.matches(
                                    b.getSpec().getSelector(), pod.getMetadata().getLabels()))
                    .toList();
        } catch (KubernetesClientException e) {
            return "eviction refused (429 Too Many Requests), usually by a PodDisruptionBudget (listing the budgets"
                    + " failed: " + e.getCode() + ")";
        }
        if (budgets.isEmpty()) {
            return "eviction refused (429 Too Many Requests); no PodDisruptionBudget in namespace " + namespace
                    + " selects the pod";
        }
        List<String> why = new ArrayList<>();
        for (PodDisruptionBudget budget : budgets) {
            StringBuilder text = new StringBuilder("PodDisruptionBudget " + namespace + "/"
                    + budget.getMetadata().getName());
            if (budget.getStatus() != null) {
                text.append(" allows ")
                        .append(budget.getStatus().getDisruptionsAllowed())
                        .append(" disruption(s) now (")
                        .append(budget.getStatus().getCurrentHealthy())
                        .append(" healthy, ")
                        .append(budget.getStatus().getDesiredHealthy())
                        .append(" needed)");
            }
            why.add(text.toString());
        }
        return "eviction refused (429 Too Many Requests) by " + String.join(", ", why);
    }
}
