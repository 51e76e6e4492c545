package dev.runbookbot.workspace;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The local workspace of {@code runbookctl bot --local}: the world, the Slack side the bot talks to (Web API under
 * {@code /api/}, Socket Mode under {@code /link}, response URLs under {@code /hooks/}) on its own port of 127.0.0.1, and
 * what a person does in the page (run a command, click a button, open the Home tab), turned into the envelopes Slack
 * would send. Tokens are random per start, so nothing else on the machine can speak as the bot or as Slack.
 */
public final class LocalWorkspace implements AutoCloseable {
    public static final String APPROVERS_GROUP = "S0APPROVERS";
    public static final String INCIDENTS_CHANNEL = "incidents";

    /** Alice and Bob approve (members of {@link #APPROVERS_GROUP}); Carol does not. */
    public static final List<LocalPerson> PEOPLE = List.of(
            new LocalPerson("U0ALICE", "alice", "Alice (on call, approver)", true),
            new LocalPerson("U0BOB", "bob", "Bob (approver)", true),
            new LocalPerson("U0CAROL", "carol", "Carol (not an approver)", false));

    private final ObjectMapper json = new ObjectMapper();
    private final WorkspaceWorld world;
    private final Envelopes envelopes = new Envelopes(json);
    private final SocketModeLink link;
    private final Map<String, Target> hooks = new ConcurrentHashMap<>();
    private final Map<String, Target> commandsAwaitingAck = new ConcurrentHashMap<>();
    private final AtomicLong envelopeIds = new AtomicLong();
    private final String botToken;
    private final String appToken;
    private Javalin server;
    private SlackWebMethods methods;

    /** Where an answer to a person goes: to whom, in which channel and thread. */
    private record Target(String personId, String channelId, String threadTs) {}

    public LocalWorkspace(Clock clock) {
        this.world = new WorkspaceWorld(clock.instant().getEpochSecond(), PEOPLE, List.of(INCIDENTS_CHANNEL));
        this.link = new SocketModeLink(json, envelopes, this::answerCommand);
        SecureRandom random = new SecureRandom();
        this.botToken = "xoxb-local-" + token(random);
        this.appToken = "xapp-local-" + token(random);
    }

    private static String token(SecureRandom random) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Starts the Slack side on a free port of 127.0.0.1. */
    public synchronized LocalWorkspace start() {
        server = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jetty.host = "127.0.0.1";
            config.jetty.port = 0;
            config.routes.post("/api/{method}", this::webApi);
            config.routes.post("/hooks/{id}", this::responseUrl);
            config.routes.ws("/link", link::configure);
        });
        server.start();
        String base = "http://127.0.0.1:" + server.port();
        methods = new SlackWebMethods(
                world, json, base + "/", () -> "ws://127.0.0.1:" + server.port() + "/link?ticket=" + link.newTicket());
        return this;
    }

    /** What the bot's settings need to talk to this workspace: the two tokens, the API URL and the ids to pin. */
    public Map<String, String> slackEnvironment() {
        Map<String, String> env = new HashMap<>();
        env.put("SLACK_BOT_TOKEN", botToken);
        env.put("SLACK_APP_TOKEN", appToken);
        env.put("SLACK_API_URL", "http://127.0.0.1:" + server.port() + "/api/");
        env.put("SLACK_TEAM_ID", WorkspaceWorld.TEAM_ID);
        env.put("SLACK_APP_ID", WorkspaceWorld.APP_ID);
        return env;
    }

    WorkspaceWorld world() {
        return world;
    }

    boolean botConnected() {
        return link.connected();
    }

    private void webApi(Context ctx) throws JsonProcessingException {
        Map<String, String> params = new HashMap<>();
        ctx.formParamMap().forEach((k, v) -> params.put(k, v.isEmpty() ? "" : v.get(0)));
        String contentType = ctx.contentType() == null ? "" : ctx.contentType();
        if (contentType.startsWith("application/json") && !ctx.body().isBlank()) {
            json.readTree(ctx.body())
                    .fields()
                    .forEachRemaining(e -> params.put(
                            e.getKey(),
                            e.getValue().isValueNode()
                                    ? e.getValue().asText()
                                    : e.getValue().toString()));
        }
        String authorization = Optional.ofNullable(ctx.header("Authorization")).orElse("");
        String token = authorization.startsWith("Bearer ") ? authorization.substring(7) : params.get("token");
        SlackWebMethods.Caller caller = botToken.equals(token)
                ? SlackWebMethods.Caller.BOT
                : appToken.equals(token) ? SlackWebMethods.Caller.APP : SlackWebMethods.Caller.NOBODY;
        ObjectNode answer = methods.call(ctx.pathParam("method"), caller, params);
        if (caller == SlackWebMethods.Caller.BOT) {
            ctx.header("x-oauth-scopes", SlackWebMethods.BOT_SCOPES);
        }
        ctx.contentType("application/json; charset=utf-8").result(json.writeValueAsString(answer));
    }

    private void responseUrl(Context ctx) throws JsonProcessingException {
        Target target = hooks.get(ctx.pathParam("id"));
        if (target == null) {
            ctx.status(404).result("no_such_hook");
            return;
        }
        JsonNode body = json.readTree(ctx.body());
        show(target, body);
        ctx.result("ok");
    }

    private void answerCommand(String envelopeId, JsonNode payload) {
        Target target = commandsAwaitingAck.remove(envelopeId);
        if (target != null && (payload.hasNonNull("text") || payload.has("blocks"))) {
            show(target, payload);
        }
    }

    private void show(Target target, JsonNode body) {
        String text = body.path("text").asText("");
        JsonNode blocks = body.path("blocks").isArray() ? body.path("blocks") : json.createArrayNode();
        if ("in_channel".equals(body.path("response_type").asText())) {
            world.post(target.channelId(), target.threadTs(), WorkspaceWorld.BOT_USER_ID, text, blocks);
        } else {
            world.postEphemeral(target.channelId(), target.threadTs(), target.personId(), text, blocks);
        }
    }

    /** {@code personId} types {@code /runbook text} in {@code channelId}; an error when that cannot be sent. */
    public Optional<String> command(String personId, String channelId, String text) {
        Optional<LocalPerson> person = world.person(personId);
        if (person.isEmpty() || !world.channels().containsKey(channelId)) {
            return Optional.of("unknown person or channel");
        }
        String envelopeId = "local-" + envelopeIds.incrementAndGet();
        Target target = new Target(personId, channelId, null);
        commandsAwaitingAck.put(envelopeId, target);
        String hook = newHook(target);
        ObjectNode envelope =
                envelopes.slashCommand(envelopeId, person.get(), channelId, world.channelName(channelId), text, hook);
        return link.send(envelope).isPresent() ? Optional.empty() : Optional.of("the bot is not connected");
    }

    /** {@code personId} clicks the button {@code actionId} of block {@code blockId} in message {@code ts}. */
    public Optional<String> click(String personId, String channelId, String ts, String blockId, String actionId) {
        Optional<LocalPerson> person = world.person(personId);
        Optional<WorkspaceMessage> message = world.message(channelId, ts);
        if (person.isEmpty() || message.isEmpty()) {
            return Optional.of("unknown person or message");
        }
        Optional<JsonNode> button = ButtonFinder.find(message.get().blocks(), blockId, actionId);
        if (button.isEmpty()) {
            return Optional.of("that button is no longer in the message");
        }
        String envelopeId = "local-" + envelopeIds.incrementAndGet();
        String threadTs = message.get().threadTs() == null
                ? message.get().ts()
                : message.get().threadTs();
        String hook = newHook(new Target(personId, channelId, threadTs));
        String actionTs = String.format("%.6f", System.currentTimeMillis() / 1000.0);
        ObjectNode envelope = envelopes.blockActions(
                envelopeId,
                person.get(),
                message.get(),
                world.channelName(channelId),
                button.get(),
                blockId,
                hook,
                actionTs);
        return link.send(envelope).isPresent() ? Optional.empty() : Optional.of("the bot is not connected");
    }

    /** {@code personId} opens the bot's Home tab. */
    public Optional<String> openHome(String personId) {
        Optional<LocalPerson> person = world.person(personId);
        if (person.isEmpty()) {
            return Optional.of("unknown person");
        }
        String envelopeId = "local-" + envelopeIds.incrementAndGet();
        String eventTs = String.format("%.6f", System.currentTimeMillis() / 1000.0);
        return link.send(envelopes.appHomeOpened(envelopeId, person.get(), eventTs))
                        .isPresent()
                ? Optional.empty()
                : Optional.of("the bot is not connected");
    }

    private String newHook(Target target) {
        String id = "h" + envelopeIds.incrementAndGet();
        hooks.put(id, target);
        return "http://127.0.0.1:" + server.port() + "/hooks/" + id;
    }

    @Override
    public synchronized void close() {
        link.closeAll();
        if (server != null) {
            server.stop();
            server = null;
        }
    }
}
