package dev.runbookbot.testing.slack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import okhttp3.mockwebserver.MockWebServer;
import org.java_websocket.framing.CloseFrame;

/**
 * A fake Slack on 127.0.0.1 for tests: Web API and Socket Mode, a small world, fault injection, and waits with
 * deadlines. Start one per test (or per class), point the bot at {@link #apiUrl()} with {@link #botToken()} and
 * {@link #appToken()}, and close it after.
 *
 * <p>The world starts with the fixtures' identity (team {@code T111}, app {@code A111}), users {@code U111} (alice) and
 * {@code U222} (bob) of that team, and channel {@code C111} ({@code #random}) with the bot in it. Envelopes go to the
 * newest open connection, or in turn to each of the app's open connections ({@link #spreadEnvelopes}); like Slack,
 * the fake holds at most 10 connections of the app at once. Clicks can only be made on buttons of messages the bot posted. Every wait fails with an
 * {@link AssertionError} that carries the fake's JSONL log of calls, envelopes, acks and socket events.
 *
 * <p>Thread-safe: the bot's threads, the servers' threads and the test thread all meet in one monitor.
 */
public final class FakeSlack implements AutoCloseable {
    /** The default deadline of every wait. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final ObjectMapper json = new ObjectMapper();
    private final SlackWorld world;
    private final EnvelopeFactory envelopes = new EnvelopeFactory(json);
    private final MockWebServer http = new MockWebServer();
    private final FakeSocketModeServer socket;
    private final String httpBase;
    private final AtomicBoolean closed = new AtomicBoolean();

    private FakeSlack(Identity home) throws IOException, InterruptedException {
        String nonce = Long.toString(System.nanoTime(), 36);
        this.world = new SlackWorld(
                json, home, "xoxb-111-222-fake" + nonce, "xapp-1-" + home.apiAppId() + "-333-fake" + nonce);
        FakeWebApi api = new FakeWebApi(world);
        http.setServerSocketFactory(new NoDelayServerSocketFactory());
        http.setDispatcher(api);
        http.start(InetAddress.getByName("127.0.0.1"), 0);
        this.socket = new FakeSocketModeServer(world, envelopes);
        socket.startAndWait();
        this.httpBase = "http://127.0.0.1:" + http.getPort();
        api.bind(new WebApiMethods(world, httpBase, "ws://127.0.0.1:" + socket.getPort()));
        addUser(FakeUser.human("U111", home.teamId(), "alice"));
        addUser(FakeUser.human("U222", home.teamId(), "bob"));
        addUser(new FakeUser(world.botUserId, home.teamId(), "runbook-bot", true));
        addChannel(FakeChannel.publicWithBot("C111", "random"));
    }

    /** A fake Slack for the fixtures' team and app ({@link Identity#fixtureHome()}). */
    public static FakeSlack start() {
        return start(Identity.fixtureHome());
    }

    public static FakeSlack start(Identity home) {
        try {
            return new FakeSlack(home);
        } catch (IOException e) {
            throw new UncheckedIOException("the fake Slack could not start", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the fake Slack", e);
        }
    }

    // --- addresses and credentials -------------------------------------------------------------------------------

    /** The Web API base URL, for example {@code http://127.0.0.1:40123/api/}. */
    public URI apiUrl() {
        return URI.create(httpBase + "/api/");
    }

    public String botToken() {
        return world.botToken;
    }

    public String appToken() {
        return world.appToken;
    }

    public Identity home() {
        return world.home;
    }

    public String botUserId() {
        return world.botUserId;
    }

    /** The mapper the fake uses; handy for building frames in tests. */
    public ObjectMapper json() {
        return json;
    }

    // --- world setup ----------------------------------------------------------------------------------------------

    public FakeSlack addUser(FakeUser user) {
        synchronized (world) {
            world.users.put(user.id(), user);
        }
        return this;
    }

    public FakeSlack addChannel(FakeChannel channel) {
        synchronized (world) {
            world.channels.put(channel.id(), channel);
        }
        return this;
    }

    public FakeSlack addUsergroup(String usergroupId, String... userIds) {
        synchronized (world) {
            world.usergroups.put(usergroupId, List.copyOf(Arrays.asList(userIds)));
        }
        return this;
    }

    /** A message by a person (the bot cannot update it: {@code cant_update_message}). */
    public PostedMessage postAsUser(String channelId, String userId, String text) {
        synchronized (world) {
            PostedMessage m = new PostedMessage(
                    channelId, world.nextTs(), null, text, json.createArrayNode(), null, null, userId, null, 1);
            world.messages.put(m.ts(), m);
            world.messageVersions
                    .computeIfAbsent(m.ts(), k -> new ArrayList<>())
                    .add(m);
            world.changed();
            return m;
        }
    }

    /** Sets the total block text above which posts fail with {@code msg_blocks_too_long} (13,000 by default). */
    public void setBlocksTooLongAt(int characters) {
        synchronized (world) {
            world.blocksTooLongAt = characters;
        }
    }

    // --- faults ---------------------------------------------------------------------------------------------------

    public void inject(FaultRule rule) {
        synchronized (world) {
            world.faults.add(new SlackWorld.ArmedFault(rule));
            world.logEvent("armed").put("rule", rule.toString());
        }
    }

    /**
     * Applies {@code fault} to every call of {@code method} from now until {@code window} has passed, for example
     * {@code 429 Retry-After: 2} on {@code chat.postMessage} for 30 s (a Slack outage as the bot meets it).
     */
    public void injectFor(String method, Duration window, Fault fault) {
        synchronized (world) {
            world.faultWindows.add(new SlackWorld.FaultWindow(method, System.nanoTime() + window.toNanos(), fault));
            world.logEvent("armed").put("rule", fault + " on every " + method + " for " + window.toMillis() + " ms");
        }
    }

    /** Ends every fault window of {@code method} now. */
    public void endFaultWindows(String method) {
        synchronized (world) {
            world.faultWindows.removeIf(w -> w.method().equals(method));
            world.logEvent("disarmed").put("rule", "fault windows of " + method);
        }
    }

    /** Enforces a per-channel rate limit on a method from now on. */
    public void limit(ChannelRateLimit limit) {
        synchronized (world) {
            world.rateLimits.put(limit.method(), limit);
        }
    }

    /** While true, WebSocket handshakes are refused (as when Socket Mode is off or the app is over its limit). */
    public void refuseConnections(boolean refuse) {
        synchronized (world) {
            world.refuseConnections = refuse;
        }
    }

    // --- Socket Mode ----------------------------------------------------------------------------------------------

    /**
     * How envelopes are spread over the open connections from now on ({@link EnvelopeSpread#NEWEST} at first); with
     * {@link EnvelopeSpread#ROUND_ROBIN} each replica of the bot gets its turn, as Slack spreads envelopes over an
     * app's connections.
     */
    public FakeSlack spreadEnvelopes(EnvelopeSpread spread) {
        synchronized (world) {
            world.spread = spread;
            world.logEvent("armed").put("rule", "envelopes spread: " + spread);
        }
        return this;
    }

    /** Sends a frame to the connection {@link #spreadEnvelopes} picks (the newest open one by default). */
    public SentEnvelope send(ObjectNode envelope) {
        synchronized (world) {
            SlackWorld.Connection c = world.nextForEnvelope()
                    .orElseThrow(() -> new IllegalStateException(
                            "no open Socket Mode connection to send to\n" + world.logAsJsonLines()));
            return sendOn(c, envelope);
        }
    }

    /** Sends a frame to one connection. */
    public SentEnvelope send(int connectionId, ObjectNode envelope) {
        synchronized (world) {
            SlackWorld.Connection c = world.connections.get(connectionId);
            if (c == null || !c.open) {
                throw new IllegalStateException("connection " + connectionId + " is not open");
            }
            return sendOn(c, envelope);
        }
    }

    /** Sends a frame given as JSON text (a fixture file, for example) to the newest open connection. */
    public SentEnvelope sendRaw(String frame) {
        try {
            JsonNode parsed = json.readTree(frame);
            if (!(parsed instanceof ObjectNode object)) {
                throw new IllegalArgumentException("a Socket Mode frame is a JSON object");
            }
            return send(object);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** A {@code slash_commands} envelope from {@code userId} in {@code channelId}, for the home team and app. */
    public SentEnvelope sendSlashCommand(String command, String text, String userId, String channelId) {
        return sendSlashCommand(command, text, userId, channelId, world.home);
    }

    /** A {@code slash_commands} envelope claiming to come from {@code as} (a foreign team or app, for example). */
    public SentEnvelope sendSlashCommand(String command, String text, String userId, String channelId, Identity as) {
        synchronized (world) {
            FakeUser user = user(userId);
            FakeChannel channel = channel(channelId);
            String envelopeId = UUID.randomUUID().toString();
            String hook = hookUrl(world.newHook(envelopeId));
            return send(
                    envelopes.slashCommand(envelopeId, as, user, channel, command, text, hook, world.newTriggerId()));
        }
    }

    /**
     * A {@code block_actions} envelope for a click by {@code userId} on the button {@code actionId} of the message
     * {@code messageTs}, built from that message as the bot last posted or updated it.
     *
     * @throws IllegalArgumentException when no such message was posted, or it has no such button
     */
    public SentEnvelope clickButton(String messageTs, String actionId, String userId) {
        return clickButton(messageTs, actionId, userId, world.home);
    }

    /** As {@link #clickButton(String, String, String)}, with the payload's team and app taken from {@code as}. */
    public SentEnvelope clickButton(String messageTs, String actionId, String userId, Identity as) {
        synchronized (world) {
            return click(botMessage(messageTs), actionId, userId, as, null);
        }
    }

    /**
     * A click on a button of {@code asSeen}, an earlier version of one of the bot's messages, as a person whose Slack
     * client still shows that version (not yet refreshed after the bot edited the message) can make it.
     */
    public SentEnvelope clickButton(PostedMessage asSeen, String actionId, String userId) {
        synchronized (world) {
            botMessage(asSeen.ts());
            return click(asSeen, actionId, userId, world.home, null);
        }
    }

    /**
     * A forged click: the button {@code actionId} of the bot's message {@code buttonMessageTs} (its value included), in
     * a payload whose {@code container}, {@code channel} and {@code message} are those of another message, {@code
     * containerTs} in {@code containerChannelId}. That message need not exist (another channel, an invented ts); when
     * the fake has it, its text and blocks are sent as the payload's {@code message}.
     */
    public SentEnvelope clickButtonFrom(
            String buttonMessageTs, String actionId, String userId, String containerChannelId, String containerTs) {
        synchronized (world) {
            PostedMessage known = world.messages.get(containerTs);
            PostedMessage container = known != null && known.channel().equals(containerChannelId)
                    ? known
                    : new PostedMessage(
                            containerChannelId,
                            containerTs,
                            null,
                            "",
                            json.createArrayNode(),
                            null,
                            null,
                            world.botUserId,
                            "B-forged",
                            1);
            return click(botMessage(buttonMessageTs), actionId, userId, world.home, container);
        }
    }

    private PostedMessage botMessage(String messageTs) {
        PostedMessage message = world.messages.get(messageTs);
        if (message == null) {
            throw new IllegalArgumentException(
                    "no message with ts " + messageTs + " was posted; posted: " + world.messages.keySet());
        }
        if (!message.byBot()) {
            throw new IllegalArgumentException("message " + messageTs + " was not posted by the bot");
        }
        return message;
    }

    /**
     * A click by {@code userId} on the button {@code actionId} whose value is {@code value} (a run id), for a message
     * that holds the buttons of several runs.
     */
    public SentEnvelope clickButtonWithValue(String messageTs, String actionId, String value, String userId) {
        synchronized (world) {
            return click(botMessage(messageTs), actionId, userId, world.home, null, value);
        }
    }

    /** A click on a button of {@code message}, sent as if from {@code container} (null: from the message itself). */
    private SentEnvelope click(
            PostedMessage message, String actionId, String userId, Identity as, PostedMessage container) {
        return click(message, actionId, userId, as, container, null);
    }

    /** As above, on the button with {@code value} when it is not null, else on the first with {@code actionId}. */
    private SentEnvelope click(
            PostedMessage message, String actionId, String userId, Identity as, PostedMessage container, String value) {
        synchronized (world) {
            String messageTs = message.ts();
            String blockId = null;
            JsonNode button = null;
            for (JsonNode block : message.blocks()) {
                List<JsonNode> candidates = new ArrayList<>();
                block.path("elements").forEach(candidates::add);
                if (block.has("accessory")) {
                    candidates.add(block.get("accessory"));
                }
                for (JsonNode element : candidates) {
                    if ("button".equals(element.path("type").asText())
                            && actionId.equals(element.path("action_id").asText())
                            && (value == null
                                    || value.equals(element.path("value").asText()))) {
                        blockId = block.path("block_id").asText(generatedBlockId(block));
                        button = element;
                    }
                }
                if (button != null) {
                    break;
                }
            }
            if (button == null) {
                throw new IllegalArgumentException("message " + messageTs + " has no button with action_id " + actionId
                        + (value == null ? "" : " and value " + value) + "; its buttons are "
                        + message.buttonActionIds());
            }
            FakeUser user = user(userId);
            PostedMessage from = container == null ? message : container;
            FakeChannel channel =
                    world.channels.getOrDefault(from.channel(), new FakeChannel(from.channel(), "", true, true, false));
            String envelopeId = UUID.randomUUID().toString();
            String hook = hookUrl(world.newHook(envelopeId));
            return send(envelopes.blockActions(
                    envelopeId, as, user, channel, from, blockId, button, hook, world.newTriggerId(), world.nextTs()));
        }
    }

    /** An {@code events_api} envelope: {@code userId} opened the bot's Home tab. */
    public SentEnvelope openAppHome(String userId) {
        return openAppHome(userId, world.home);
    }

    public SentEnvelope openAppHome(String userId, Identity as) {
        synchronized (world) {
            user(userId);
            String envelopeId = UUID.randomUUID().toString();
            PublishedView current = world.homeViews.get(userId);
            String eventTs = world.nextTs();
            return send(envelopes.appHomeOpened(
                    envelopeId,
                    as,
                    userId,
                    world.dmChannelOf(userId),
                    world.botUserId,
                    "Ev"
                            + UUID.randomUUID()
                                    .toString()
                                    .replace("-", "")
                                    .substring(0, 10)
                                    .toUpperCase(),
                    Long.parseLong(eventTs.substring(0, eventTs.indexOf('.'))),
                    eventTs,
                    current == null ? null : current.view()));
        }
    }

    /**
     * Slack delivering an envelope again, as it does when it thinks the first delivery was not acknowledged in time: the
     * same payload (for an event, the same {@code event_id}), a new envelope id, and {@code retry_attempt} and {@code
     * retry_reason} set.
     */
    public SentEnvelope redeliver(SentEnvelope original, int retryAttempt, String retryReason) {
        ObjectNode again = original.json().deepCopy();
        again.put("envelope_id", UUID.randomUUID().toString())
                .put("retry_attempt", retryAttempt)
                .put("retry_reason", retryReason);
        return send(again);
    }

    /** Sends {@code {"type":"disconnect","reason":reason}} to the newest open connection. */
    public void disconnect(String reason) {
        synchronized (world) {
            send(envelopes.disconnect(reason));
        }
    }

    /** Sends a {@code disconnect} frame to one connection. */
    public void disconnect(int connectionId, String reason) {
        send(connectionId, envelopes.disconnect(reason));
    }

    /** Drops the newest open connection without a close handshake, as a lost network would. */
    public void dropConnection() {
        synchronized (world) {
            SlackWorld.Connection c =
                    world.newestOpen().orElseThrow(() -> new IllegalStateException("no open connection to drop"));
            drop(c);
        }
    }

    /** Drops one connection without a close handshake (one replica's link lost, the others kept). */
    public void dropConnection(int connectionId) {
        synchronized (world) {
            SlackWorld.Connection c = world.connections.get(connectionId);
            if (c == null || !c.open) {
                throw new IllegalStateException("connection " + connectionId + " is not open");
            }
            drop(c);
        }
    }

    private void drop(SlackWorld.Connection c) {
        world.logEvent("socket").put("event", "drop").put("connection", c.id);
        c.socket.closeConnection(CloseFrame.ABNORMAL_CLOSE, "dropped by the fake");
    }

    public List<SocketConnection> connections() {
        synchronized (world) {
            return world.connections.values().stream()
                    .map(SlackWorld.Connection::snapshot)
                    .toList();
        }
    }

    // --- observations ---------------------------------------------------------------------------------------------

    public List<RecordedCall> calls() {
        synchronized (world) {
            return List.copyOf(world.calls);
        }
    }

    public List<RecordedCall> calls(String method) {
        synchronized (world) {
            return world.calls.stream().filter(c -> c.method().equals(method)).toList();
        }
    }

    /** Calls that came before a {@code Retry-After} window the fake announced for their method and channel ended. */
    public List<RecordedCall> callsInsideRetryAfterWindows() {
        synchronized (world) {
            return world.calls.stream()
                    .filter(RecordedCall::insideRetryAfterWindow)
                    .toList();
        }
    }

    public List<RecordedAck> acks() {
        synchronized (world) {
            return List.copyOf(world.acks);
        }
    }

    public List<SentEnvelope> envelopes() {
        synchronized (world) {
            return List.copyOf(world.envelopes);
        }
    }

    public Optional<PostedMessage> message(String ts) {
        synchronized (world) {
            return Optional.ofNullable(world.messages.get(ts));
        }
    }

    /** The messages of a channel, thread replies included, in posting order. */
    public List<PostedMessage> messages(String channelId) {
        synchronized (world) {
            return world.messages.values().stream()
                    .filter(m -> m.channel().equals(channelId))
                    .toList();
        }
    }

    /** Every version of a message: as posted, then after each update. */
    public List<PostedMessage> versions(String ts) {
        synchronized (world) {
            return List.copyOf(world.messageVersions.getOrDefault(ts, List.of()));
        }
    }

    public List<EphemeralMessage> ephemerals() {
        synchronized (world) {
            return List.copyOf(world.ephemerals);
        }
    }

    public List<ResponseUrlPost> responseUrlPosts() {
        synchronized (world) {
            return List.copyOf(world.responseUrlPosts);
        }
    }

    public Optional<PublishedView> homeView(String userId) {
        synchronized (world) {
            return Optional.ofNullable(world.homeViews.get(userId));
        }
    }

    public List<String> reactions(String ts) {
        synchronized (world) {
            return List.copyOf(world.reactions.getOrDefault(ts, List.of()));
        }
    }

    /** Time from writing the envelope to reading its ack. */
    public Duration ackLatency(String envelopeId) {
        synchronized (world) {
            SentEnvelope sent = world.envelopes.stream()
                    .filter(e -> e.envelopeId().equals(envelopeId))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no envelope " + envelopeId + " was sent"));
            RecordedAck ack = world.acks.stream()
                    .filter(a -> a.envelopeId().equals(envelopeId))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("envelope " + envelopeId + " has no ack"));
            return Duration.ofNanos(ack.receivedNanos() - sent.sentNanos());
        }
    }

    /** The fake's log of calls, envelopes, acks and socket events, one JSON object per line. */
    public String log() {
        return world.logAsJsonLines();
    }

    public void writeLog(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, log(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // --- waits ----------------------------------------------------------------------------------------------------

    /** Waits for an open connection that has been greeted with {@code hello}. */
    public SocketConnection awaitConnection() {
        return awaitConnection(DEFAULT_TIMEOUT);
    }

    public SocketConnection awaitConnection(Duration timeout) {
        return world.await(
                () -> world.newestOpen().map(SlackWorld.Connection::snapshot).orElse(null),
                timeout,
                () -> "an open Socket Mode connection");
    }

    /** Waits until {@code n} connections have been opened in total and the newest of them is open. */
    public SocketConnection awaitConnectionCount(int n) {
        return awaitConnectionCount(n, DEFAULT_TIMEOUT);
    }

    public SocketConnection awaitConnectionCount(int n, Duration timeout) {
        return world.await(
                () -> {
                    SlackWorld.Connection c = world.connections.get(n);
                    return c != null && c.open ? c.snapshot() : null;
                },
                timeout,
                () -> "Socket Mode connection number " + n);
    }

    /** Waits until {@code n} connections are open at once (the replicas of a bot, each with its own). */
    public List<SocketConnection> awaitOpenConnections(int n) {
        return world.await(
                () -> {
                    List<SocketConnection> open = world.connections.values().stream()
                            .filter(c -> c.open)
                            .map(SlackWorld.Connection::snapshot)
                            .toList();
                    return open.size() == n ? open : null;
                },
                DEFAULT_TIMEOUT,
                () -> n + " open Socket Mode connections");
    }

    /** Waits until a connection is closed. */
    public SocketConnection awaitClosed(int connectionId) {
        return world.await(
                () -> {
                    SlackWorld.Connection c = world.connections.get(connectionId);
                    return c != null && !c.open ? c.snapshot() : null;
                },
                DEFAULT_TIMEOUT,
                () -> "connection " + connectionId + " to close");
    }

    public RecordedAck awaitAck(String envelopeId) {
        return awaitAck(envelopeId, DEFAULT_TIMEOUT);
    }

    public RecordedAck awaitAck(String envelopeId, Duration timeout) {
        return world.await(() -> findAck(envelopeId), timeout, () -> "the ack of envelope " + envelopeId);
    }

    /** Fails if {@code envelopeId} is acknowledged within {@code within}; waits that long otherwise. */
    public void assertNoAck(String envelopeId, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        synchronized (world) {
            while (true) {
                RecordedAck ack = findAck(envelopeId);
                if (ack != null) {
                    throw new AssertionError("envelope " + envelopeId + " was acknowledged: " + ack.message()
                            + "\n--- fake Slack log (JSONL) ---\n" + world.logAsJsonLines());
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                try {
                    world.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
        }
    }

    /** Waits for a call of {@code method} (already made or future) that matches {@code condition}. */
    public RecordedCall awaitCall(String method, Predicate<RecordedCall> condition) {
        return awaitCall(method, condition, DEFAULT_TIMEOUT);
    }

    public RecordedCall awaitCall(String method, Predicate<RecordedCall> condition, Duration timeout) {
        return world.await(
                () -> world.calls.stream()
                        .filter(c -> c.method().equals(method) && condition.test(c))
                        .findFirst()
                        .orElse(null),
                timeout,
                () -> "a matching " + method + " call");
    }

    /** Waits until {@code method} has been called at least {@code n} times; returns all its calls. */
    public List<RecordedCall> awaitCallCount(String method, int n) {
        return world.await(
                () -> {
                    List<RecordedCall> matching = world.calls.stream()
                            .filter(c -> c.method().equals(method))
                            .toList();
                    return matching.size() >= n ? matching : null;
                },
                DEFAULT_TIMEOUT,
                () -> n + " calls of " + method);
    }

    /** Waits for a POST to a {@code response_url} of {@code envelopeId}'s payload. */
    public ResponseUrlPost awaitResponseUrlPost(String envelopeId) {
        return awaitResponseUrlPost(envelopeId, DEFAULT_TIMEOUT);
    }

    public ResponseUrlPost awaitResponseUrlPost(String envelopeId, Duration timeout) {
        return world.await(
                () -> world.responseUrlPosts.stream()
                        .filter(p -> p.envelopeId().equals(envelopeId))
                        .findFirst()
                        .orElse(null),
                timeout,
                () -> "a response_url post for envelope " + envelopeId);
    }

    /** Stops both servers; closing twice is harmless. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            socket.stop(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            http.shutdown();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // --- internals --------------------------------------------------------------------------------------------------

    private SentEnvelope sendOn(SlackWorld.Connection c, ObjectNode frame) {
        String envelopeId = frame.path("envelope_id").asText("");
        String type = frame.path("type").asText("");
        long sentNanos = System.nanoTime();
        SentEnvelope sent = new SentEnvelope(envelopeId, type, frame.deepCopy(), c.id, sentNanos);
        if (!envelopeId.isEmpty()) {
            world.envelopes.add(sent);
        }
        world.logEvent("to_client")
                .put("connection", c.id)
                .put("type", type)
                .put("envelope_id", envelopeId)
                .put("summary", summary(frame));
        c.socket.send(frame.toString());
        world.changed();
        return sent;
    }

    private static String summary(ObjectNode frame) {
        JsonNode p = frame.path("payload");
        if (p.has("command")) {
            return p.path("command").asText() + " " + p.path("text").asText() + " by "
                    + p.path("user_id").asText() + " (team " + p.path("team_id").asText() + ", app "
                    + p.path("api_app_id").asText() + ")";
        }
        if (p.has("actions")) {
            ArrayNode actions = (ArrayNode) p.get("actions");
            return "click " + actions.path(0).path("action_id").asText() + " by "
                    + p.path("user").path("id").asText() + " (team "
                    + p.path("team").path("id").asText() + ", app "
                    + p.path("api_app_id").asText() + ")";
        }
        if (p.has("event")) {
            return "event " + p.path("event").path("type").asText() + " (team "
                    + p.path("team_id").asText() + ", app "
                    + p.path("api_app_id").asText() + ")";
        }
        return frame.path("reason").asText("");
    }

    private RecordedAck findAck(String envelopeId) {
        for (RecordedAck ack : world.acks) {
            if (ack.envelopeId().equals(envelopeId)) {
                return ack;
            }
        }
        return null;
    }

    private FakeUser user(String userId) {
        FakeUser user = world.users.get(userId);
        if (user == null) {
            throw new IllegalArgumentException("no user " + userId + " in the fake; add it with addUser");
        }
        return user;
    }

    private FakeChannel channel(String channelId) {
        FakeChannel channel = world.channels.get(channelId);
        if (channel != null) {
            return channel;
        }
        if (world.dmChannels.containsValue(channelId)) {
            return new FakeChannel(channelId, "directmessage", true, true, false);
        }
        throw new IllegalArgumentException("no channel " + channelId + " in the fake; add it with addChannel");
    }

    private String hookUrl(String hookId) {
        return httpBase + "/hooks/" + hookId;
    }

    private static String generatedBlockId(JsonNode block) {
        return Integer.toHexString(block.toString().hashCode());
    }
}
