package dev.runbookbot.remediate.kubernetes;

/** What {@code scale_up} decides to do with a Deployment's replica count, given the count it has now. */
public sealed interface ReplicaChange {
    /** Scale from {@code from} to {@code to} replicas ({@code to > from}). */
    record Scale(int from, int to) implements ReplicaChange {}

    /** The Deployment already has the requested count. */
    record Unchanged(int replicas) implements ReplicaChange {}

    /** Scaling would break a rule (above {@code max_replicas}, or a scale-down); {@code reason} says which. */
    record Refused(String reason) implements ReplicaChange {}
}
