package dev.runbookbot.testing.slack;

/**
 * A snapshot of one Socket Mode connection to the fake.
 *
 * @param id 1 for the first connection, increasing
 * @param ticket the {@code apps.connections.open} ticket it used
 * @param open whether it is open now
 * @param closeCode the close code once closed (1000 normal, 1006 abnormal), else 0
 * @param closedByClient whether the client closed it
 * @param openedNanos {@link System#nanoTime()} at open
 */
public record SocketConnection(
        int id, String ticket, boolean open, int closeCode, boolean closedByClient, long openedNanos) {}
