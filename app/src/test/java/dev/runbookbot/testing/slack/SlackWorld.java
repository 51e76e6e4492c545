package dev.runbookbot.testing.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.java_websocket.WebSocket;

/**
 * The fake's state: the world (users, channels, user groups, messages, views), what happened (calls, envelopes, acks,
 * connections, response_url posts) and what is armed (faults, rate limits, tickets). Every access holds this object's
 * monitor; every change wakes the waiters of {@link #await}. Package-private: tests see it through {@link FakeSlack}.
 */
final class SlackWorld {
    final ObjectMapper json;
    final long startNanos = System.nanoTime();
    final Identity home;
    final String botUserId = "U0BOT00001";
    final String botId = "B0BOT00001";
    final String botToken;
    final String appToken;

    final Map<String, FakeUser> users = new LinkedHashMap<>();
    final Map<String, FakeChannel> channels = new LinkedHashMap<>();
    final Map<String, List<String>> usergroups = new LinkedHashMap<>();
    final Map<String, String> dmChannels = new HashMap<>();
    final Map<String, PostedMessage> messages = new LinkedHashMap<>();
    final Map<String, List<PostedMessage>> messageVersions = new HashMap<>();
    final Map<String, List<String>> reactions = new HashMap<>();
    final List<EphemeralMessage> ephemerals = new ArrayList<>();
    final Map<String, PublishedView> homeViews = new LinkedHashMap<>();
    final Map<String, PublishedView> modals = new LinkedHashMap<>();

    final List<RecordedCall> calls = new ArrayList<>();
    final List<SentEnvelope> envelopes = new ArrayList<>();
    final List<RecordedAck> acks = new ArrayList<>();
    final List<ResponseUrlPost> responseUrlPosts = new ArrayList<>();
    final List<ObjectNode> log = new ArrayList<>();

    final List<ArmedFault> faults = new ArrayList<>();
    /** Faults applied to every call of a method until a deadline, before the counted ones. */
    final List<FaultWindow> faultWindows = new ArrayList<>();

    final Map<String, ChannelRateLimit> rateLimits = new HashMap<>();
    final Map<String, double[]> buckets = new HashMap<>();
    final Map<String, Long> retryAfterEnds = new HashMap<>();
    final Map<String, Boolean> tickets = new LinkedHashMap<>();
    final Map<Integer, Connection> connections = new LinkedHashMap<>();
    final Map<String, Hook> hooks = new HashMap<>();
    final List<String> triggerIds = new ArrayList<>();
    boolean refuseConnections;
    EnvelopeSpread spread = EnvelopeSpread.NEWEST;
    /** Slack's limit of simultaneous Socket Mode connections of one app. */
    static final int MAX_OPEN_CONNECTIONS = 10;

    int blocksTooLongAt = 13_000;

    private long lastTsMicros;
    private int nextConnectionId = 1;
    private int lastEnvelopeConnection;
    private int nextViewId = 1;

    SlackWorld(ObjectMapper json, Identity home, String botToken, String appToken) {
        this.json = json;
        this.home = home;
        this.botToken = botToken;
        this.appToken = appToken;
    }

    /** A fault armed for some more calls. */
    record FaultWindow(String method, long endNanos, Fault fault) {}

    static final class ArmedFault {
        final FaultRule rule;
        int remaining;

        ArmedFault(FaultRule rule) {
            this.rule = rule;
            this.remaining = rule.times();
        }
    }

    /** A live or closed Socket Mode connection. */
    static final class Connection {
        final int id;
        final String ticket;
        final WebSocket socket;
        final long openedNanos;
        boolean open = true;
        int closeCode;
        boolean closedByClient;

        Connection(int id, String ticket, WebSocket socket, long openedNanos) {
            this.id = id;
            this.ticket = ticket;
            this.socket = socket;
            this.openedNanos = openedNanos;
        }

        SocketConnection snapshot() {
            return new SocketConnection(id, ticket, open, closeCode, closedByClient, openedNanos);
        }
    }

    /** A response_url the fake handed out. */
    static final class Hook {
        final String envelopeId;
        int uses;

        Hook(String envelopeId) {
            this.envelopeId = envelopeId;
        }
    }

    // --- identifiers -------------------------------------------------------------------------------------------

    /** A Slack-style ts ("seconds.micros"), strictly increasing within the fake. */
    synchronized String nextTs() {
        long micros = Math.max(System.currentTimeMillis() * 1000, lastTsMicros + 1);
        lastTsMicros = micros;
        return String.format("%d.%06d", micros / 1_000_000, micros % 1_000_000);
    }

    synchronized String newTicket() {
        String ticket = UUID.randomUUID().toString();
        tickets.put(ticket, false);
        changed();
        return ticket;
    }

    /** Marks a ticket used; false when it was never issued, already used, or connections are refused. */
    synchronized boolean useTicket(String ticket) {
        if (refuseConnections
                || ticket == null
                || !Boolean.FALSE.equals(tickets.get(ticket))
                || openConnectionCount() >= MAX_OPEN_CONNECTIONS) {
            return false;
        }
        tickets.put(ticket, true);
        return true;
    }

    synchronized String newHook(String envelopeId) {
        String id = "T" + Long.toString(System.nanoTime(), 36) + "/"
                + UUID.randomUUID().toString().replace("-", "");
        hooks.put(id, new Hook(envelopeId));
        return id;
    }

    synchronized String newTriggerId() {
        String id = (triggerIds.size() + 1) + "." + Long.toString(System.nanoTime()) + ".fake";
        triggerIds.add(id);
        return id;
    }

    synchronized String newViewId() {
        return String.format("V%08d", nextViewId++);
    }

    synchronized String dmChannelOf(String userId) {
        return dmChannels.computeIfAbsent(userId, u -> "D" + u.substring(1));
    }

    // --- connections ---------------------------------------------------------------------------------------------

    synchronized Connection opened(WebSocket socket, String ticket) {
        Connection c = new Connection(nextConnectionId++, ticket, socket, System.nanoTime());
        connections.put(c.id, c);
        logEvent("socket").put("event", "open").put("connection", c.id);
        changed();
        return c;
    }

    synchronized void closed(int connectionId, int code, String reason, boolean byClient) {
        Connection c = connections.get(connectionId);
        if (c != null && c.open) {
            c.open = false;
            c.closeCode = code;
            c.closedByClient = byClient;
        }
        logEvent("socket")
                .put("event", "close")
                .put("connection", connectionId)
                .put("code", code)
                .put("reason", reason)
                .put("by_client", byClient);
        changed();
    }

    synchronized int openConnectionCount() {
        return (int) connections.values().stream().filter(c -> c.open).count();
    }

    /** The connection of the next envelope, as {@link #spread} says. */
    synchronized Optional<Connection> nextForEnvelope() {
        if (spread == EnvelopeSpread.NEWEST) {
            return newestOpen();
        }
        Connection first = null;
        for (Connection c : connections.values()) {
            if (!c.open) {
                continue;
            }
            if (c.id > lastEnvelopeConnection) {
                lastEnvelopeConnection = c.id;
                return Optional.of(c);
            }
            if (first == null) {
                first = c;
            }
        }
        if (first != null) {
            lastEnvelopeConnection = first.id;
        }
        return Optional.ofNullable(first);
    }

    synchronized Optional<Connection> newestOpen() {
        Connection newest = null;
        for (Connection c : connections.values()) {
            if (c.open) {
                newest = c;
            }
        }
        return Optional.ofNullable(newest);
    }

    // --- records ---------------------------------------------------------------------------------------------------

    synchronized ObjectNode logEvent(String kind) {
        ObjectNode line =
                json.createObjectNode().put("kind", kind).put("at_ms", (System.nanoTime() - startNanos) / 1_000_000.0);
        log.add(line);
        return line;
    }

    synchronized void changed() {
        notifyAll();
    }

    synchronized String logAsJsonLines() {
        StringBuilder out = new StringBuilder();
        for (ObjectNode line : log) {
            out.append(line).append('\n');
        }
        return out.toString();
    }

    /**
     * Waits until {@code probe} returns a value (checked at once and after every change), or fails after
     * {@code timeout} with {@code what} and the fake's log.
     */
    <T> T await(Supplier<T> probe, Duration timeout, Supplier<String> what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (true) {
                T value = probe.get();
                if (value != null) {
                    return value;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("fake Slack: timed out after " + timeout.toMillis() + " ms waiting for "
                            + what.get() + "\n--- fake Slack log (JSONL) ---\n" + logAsJsonLines());
                }
                try {
                    wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted while waiting for " + what.get(), e);
                }
            }
        }
    }

    // --- faults and rate limits ----------------------------------------------------------------------------------

    synchronized Fault takeFault(String method, String channel) {
        long now = System.nanoTime();
        faultWindows.removeIf(w -> now - w.endNanos() >= 0);
        for (FaultWindow window : faultWindows) {
            if (window.method().equals(method)) {
                return window.fault();
            }
        }
        Iterator<ArmedFault> it = faults.iterator();
        while (it.hasNext()) {
            ArmedFault f = it.next();
            if (f.rule.matches(method, channel)) {
                f.remaining--;
                if (f.remaining == 0) {
                    it.remove();
                }
                return f.rule.fault();
            }
        }
        return null;
    }

    /** Takes one call from the method's per-channel bucket; the Retry-After seconds when it is empty, else 0. */
    synchronized int takeRateLimitToken(String method, String channel, long nowNanos) {
        ChannelRateLimit limit = rateLimits.get(method);
        if (limit == null || channel == null) {
            return 0;
        }
        double perTokenNanos = limit.refillEvery().toNanos();
        double[] bucket = buckets.computeIfAbsent(method + " " + channel, k -> new double[] {limit.burst(), nowNanos});
        bucket[0] = Math.min(limit.burst(), bucket[0] + (nowNanos - bucket[1]) / perTokenNanos);
        bucket[1] = nowNanos;
        if (bucket[0] >= 1) {
            bucket[0] -= 1;
            return 0;
        }
        double waitNanos = (1 - bucket[0]) * perTokenNanos;
        return (int) Math.max(1, Math.ceil(waitNanos / 1e9));
    }

    synchronized boolean insideRetryAfterWindow(String method, String channel, long nowNanos) {
        Long end = retryAfterEnds.get(windowKey(method, channel));
        return end != null && nowNanos - end < 0;
    }

    synchronized void openRetryAfterWindow(String method, String channel, int seconds) {
        retryAfterEnds.put(
                windowKey(method, channel),
                System.nanoTime() + Duration.ofSeconds(seconds).toNanos());
    }

    private static String windowKey(String method, String channel) {
        return channel == null ? method : method + " " + channel;
    }
}
