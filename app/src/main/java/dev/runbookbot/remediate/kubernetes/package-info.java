/**
 * Kubernetes remediations through the fabric8 client. On workloads, named by kind as kubectl names them ({@code
 * deployment}, {@code statefulset} or {@code daemonset}, with {@code namespace}): {@code restart_service} (a rolling
 * restart, the {@code restartedAt} pod-template annotation kubectl sets), {@code scale_up} (a Deployment or
 * StatefulSet, to a count or by a step, bounded by {@code max_replicas}, with optimistic concurrency; a DaemonSet is
 * refused where the runbook is loaded) and {@code rollback} (the previous revision's pod template, from a Deployment's
 * ReplicaSets or a StatefulSet's or DaemonSet's ControllerRevisions, as {@code kubectl rollout undo} picks it). On
 * nodes ({@code node}): {@code cordon}, {@code uncordon} and {@code drain} (cordon, then evict through the Eviction API
 * so PodDisruptionBudgets are respected, DaemonSet-managed and mirror pods left, bounded by a timeout, every pod not
 * evicted reported with why). Templated names are rendered and then checked against the RFC 1123 rules, so alert data
 * can name an object but never widen a request; the kubeconfig {@code context} is never templated. Previews are the
 * kubectl command a person would type, computed without calling the cluster and without building a client. The
 * clients come from {@link dev.runbookbot.remediate.kubernetes.KubernetesClusters}, built (lazily, when an action first
 * runs) and closed by the runtime; a blocked call is abandoned when the calling thread is interrupted, and the client's
 * own request timeout bounds the rest.
 */
package dev.runbookbot.remediate.kubernetes;
