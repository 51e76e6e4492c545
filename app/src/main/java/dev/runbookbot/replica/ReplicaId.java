package dev.runbookbot.replica;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The name of one bot process among the replicas on a store: its host, its process id and a random suffix, so two
 * containers that both run as pid 1 (or a process that restarts with the same pid) never share a name. It is the
 * holder of the replica's leases and the worker recorded on the remediations it runs.
 */
public record ReplicaId(String value) {
    public ReplicaId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("a replica id must not be blank");
        }
    }

    /** A fresh id for this process on {@code host}. */
    public static ReplicaId of(String host, long pid, SecureRandom random) {
        byte[] suffix = new byte[4];
        random.nextBytes(suffix);
        return new ReplicaId("bot-" + host + "-" + pid + "-" + HexFormat.of().formatHex(suffix));
    }

    /** The name of this replica's heartbeat lease. */
    public String heartbeatLease() {
        return Leases.HEARTBEAT_PREFIX + value;
    }

    @Override
    public String toString() {
        return value;
    }
}
