/**
 * Kubernetes remediations on Deployments through the fabric8 client: {@code restart_service} (a rolling restart, the
 * {@code restartedAt} pod-template annotation kubectl sets), {@code scale_up} (to a count or by a step, bounded by
 * {@code max_replicas}, with optimistic concurrency) and {@code rollback} (the previous revision's pod template, picked
 * from the Deployment's own ReplicaSets as {@code kubectl rollout undo} picks it). Each action is configured by
 * {@code deployment}, {@code namespace} and an optional kubeconfig {@code context}; templated names are rendered and
 * then checked against the RFC 1123 rules, so alert data can name an object but never widen a request, and the context
 * is never templated. Previews are the kubectl command a person would type, computed without calling the cluster. The
 * clients come from {@link dev.runbookbot.remediate.kubernetes.KubernetesClusters}, built and closed by the runtime;
 * a blocked call is abandoned when the calling thread is interrupted, and the client's own request timeout bounds the
 * rest.
 */
package dev.runbookbot.remediate.kubernetes;
