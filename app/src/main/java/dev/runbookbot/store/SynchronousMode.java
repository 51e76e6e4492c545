package dev.runbookbot.store;

/**
 * SQLite's {@code PRAGMA synchronous} for the writer connection. In WAL mode both survive an application crash (kill
 * -9); only {@link #FULL} also keeps the last commits through a power loss or an operating system crash, at about 0.1 ms
 * per commit on this project's reference machine. Approvals and audit rows need {@link #FULL}, the default.
 */
public enum SynchronousMode {
    FULL,
    NORMAL
}
