package dev.runbookbot.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The workspace's page, mounted on the bot's own web server: {@code GET /} (the page), its script and style sheet,
 * {@code GET /workspace/state?as=U…} (what that person sees, as JSON), {@code /workspace/events} (server-sent events:
 * "changed" whenever the bot posts, edits or publishes), and the person's actions: {@code POST /workspace/command},
 * {@code /workspace/click}, {@code /workspace/home}; and the demo application's one remediation, {@code POST
 * /workspace/demo/clear-log}. Actions take JSON only, so another web site cannot send them from a
 * visitor's browser (a cross-origin JSON POST needs a preflight this server never grants).
 */
public final class WorkspacePage implements Consumer<RoutesConfig> {
    private final LocalWorkspace workspace;
    private final ObjectMapper json = new ObjectMapper();
    private final Set<SseClient> listeners = ConcurrentHashMap.newKeySet();

    private final DemoLog demoLog;

    public WorkspacePage(LocalWorkspace workspace, DemoLog demoLog) {
        this.workspace = workspace;
        this.demoLog = demoLog;
        workspace.world().onChange(this::notifyListeners);
    }

    @Override
    public void accept(RoutesConfig routes) {
        routes.get("/", ctx -> ctx.contentType("text/html; charset=utf-8").result(resource("index.html")));
        routes.get("/workspace/app.js", ctx -> ctx.contentType("text/javascript; charset=utf-8")
                .result(resource("app.js")));
        routes.get("/workspace/app.css", ctx -> ctx.contentType("text/css; charset=utf-8")
                .result(resource("app.css")));
        routes.get("/workspace/state", this::state);
        routes.sse("/workspace/events", client -> {
            client.keepAlive();
            listeners.add(client);
            client.onClose(() -> listeners.remove(client));
            client.sendEvent("changed", "connected");
        });
        routes.post(
                "/workspace/command",
                ctx -> act(
                        ctx,
                        body -> workspace.command(
                                body.path("as").asText(),
                                body.path("channel").asText(),
                                body.path("text").asText())));
        routes.post(
                "/workspace/click",
                ctx -> act(
                        ctx,
                        body -> workspace.click(
                                body.path("as").asText(),
                                body.path("channel").asText(),
                                body.path("ts").asText(),
                                body.path("blockId").asText(),
                                body.path("actionId").asText())));
        routes.post(
                "/workspace/demo/clear-log",
                ctx -> act(ctx, body -> {
                    demoLog.clear();
                    return Optional.empty();
                }));
        routes.post(
                "/workspace/home",
                ctx -> act(ctx, body -> workspace.openHome(body.path("as").asText())));
    }

    private void notifyListeners() {
        for (SseClient client : listeners) {
            if (client.terminated()) {
                listeners.remove(client);
            } else {
                client.sendEvent("changed", "1");
            }
        }
    }

    private interface Action {
        Optional<String> apply(JsonNode body);
    }

    private void act(Context ctx, Action action) throws IOException {
        String type = ctx.contentType() == null ? "" : ctx.contentType();
        if (!type.startsWith("application/json")) {
            ctx.status(415).result("send JSON (Content-Type: application/json)");
            return;
        }
        Optional<String> refused = action.apply(json.readTree(ctx.body()));
        ObjectNode answer = json.createObjectNode().put("ok", refused.isEmpty());
        refused.ifPresent(why -> answer.put("error", why));
        ctx.status(refused.isEmpty() ? 200 : 409)
                .contentType("application/json")
                .result(json.writeValueAsString(answer));
    }

    private void state(Context ctx) throws IOException {
        WorkspaceWorld world = workspace.world();
        String viewer = Optional.ofNullable(ctx.queryParam("as"))
                .filter(id -> world.person(id).isPresent())
                .orElse(LocalWorkspace.PEOPLE.get(0).id());
        ObjectNode state = json.createObjectNode()
                .put("connected", workspace.botConnected())
                .put("viewer", viewer);
        ArrayNode people = state.putArray("people");
        world.people().forEach(p -> people.addObject()
                .put("id", p.id())
                .put("name", p.name())
                .put("realName", p.realName())
                .put("approver", p.approver()));
        ArrayNode channels = state.putArray("channels");
        world.channelIdsInOrder()
                .forEach(id -> channels.addObject().put("id", id).put("name", world.channelName(id)));
        ArrayNode messages = state.putArray("messages");
        for (WorkspaceMessage m : world.visibleTo(viewer)) {
            ObjectNode node = messages.addObject()
                    .put("channel", m.channelId())
                    .put("ts", m.ts())
                    .put("threadTs", m.threadTs())
                    .put("user", m.userId())
                    .put(
                            "userName",
                            world.person(m.userId()).map(LocalPerson::name).orElse("runbook-bot"))
                    .put("bot", m.userId().equals(WorkspaceWorld.BOT_USER_ID))
                    .put("text", m.text())
                    .put("edited", m.edited())
                    .put("ephemeral", m.visibleTo() != null);
            node.set("blocks", m.blocks());
        }
        world.home(viewer).ifPresent(view -> state.set("home", view));
        ctx.contentType("application/json; charset=utf-8").result(json.writeValueAsString(state));
    }

    private static String resource(String name) {
        try (InputStream in = WorkspacePage.class.getResourceAsStream("/workspace/" + name)) {
            if (in == null) {
                throw new IllegalStateException("workspace/" + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
