package dev.runbookbot.runtime;

import dev.runbookbot.replica.ReplicaId;
import java.security.SecureRandom;

/**
 * The id of this process among the replicas on a store, fixed for the life of the process: the worker recorded on
 * the remediations it runs and the holder of its leases. The host is the container's or machine's name ({@code
 * HOSTNAME}, as Kubernetes sets it to the pod's name), else {@code local}.
 */
final class ThisReplica {
    static final ReplicaId ID = ReplicaId.of(host(), ProcessHandle.current().pid(), new SecureRandom());

    private ThisReplica() {}

    private static String host() {
        String host = System.getenv("HOSTNAME");
        return host == null || host.isBlank() ? "local" : host.strip();
    }
}
