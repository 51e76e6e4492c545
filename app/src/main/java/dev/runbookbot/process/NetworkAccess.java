package dev.runbookbot.process;

/** Whether a sandboxed step may use the network ({@code network:} in a step, {@code sandbox.network} in settings). */
public enum NetworkAccess {
    /** The host's network, as the bot sees it (most diagnostics call {@code kubectl}, {@code curl}, {@code psql}). */
    HOST,
    /** A network namespace of its own with nothing in it: not even the host's loopback is reachable. */
    NONE;

    /** The stricter of the two: a catalog that says {@code none} cannot be widened by a step. */
    public NetworkAccess narrowedBy(NetworkAccess other) {
        return this == NONE || other == NONE ? NONE : HOST;
    }

    public String setting() {
        return this == NONE ? "none" : "host";
    }
}
