package dev.runbookbot.testing.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;

/**
 * The HTTP side of the fake: {@code POST /api/{method}} and {@code POST /hooks/{id}}.
 *
 * <p>For a method call it reads the form or JSON body and the token (Bearer header or {@code token=}), then in this
 * order: unknown method ({@code unknown_method}), missing or unknown token ({@code not_authed}, {@code invalid_auth}),
 * wrong token kind ({@code not_allowed_token_type}), an injected fault, the per-channel rate limit, and finally the
 * method itself. Every call is recorded with whether it came inside a {@code Retry-After} window announced earlier for
 * its method and channel, so tests can prove the bot never retries too early.
 */
final class FakeWebApi extends Dispatcher {
    private final SlackWorld world;
    private WebApiMethods methods;

    FakeWebApi(SlackWorld world) {
        this.world = world;
    }

    void bind(WebApiMethods methods) {
        this.methods = methods;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        long receivedNanos = System.nanoTime();
        String path = request.getPath() == null ? "/" : request.getPath();
        int query = path.indexOf('?');
        String route = query < 0 ? path : path.substring(0, query);
        ObjectNode params = params(request, query < 0 ? "" : path.substring(query + 1));
        if (route.startsWith("/hooks/")) {
            return hook(route.substring("/hooks/".length()), params, receivedNanos);
        }
        if (!route.startsWith("/api/") || !"POST".equals(request.getMethod()) && !"GET".equals(request.getMethod())) {
            return new MockResponse().setResponseCode(404);
        }
        String method = route.substring("/api/".length());
        String token = token(request, params);
        params.remove("token");
        WebApiAnswer answer;
        String tokenKind;
        String channel;
        synchronized (world) {
            tokenKind = token == null
                    ? "none"
                    : token.equals(world.botToken) ? "bot" : token.equals(world.appToken) ? "app" : "unknown";
            channel = params.hasNonNull("channel") ? params.get("channel").asText() : null;
            boolean inside = world.insideRetryAfterWindow(method, channel, receivedNanos);
            answer = answer(method, tokenKind, channel, params, receivedNanos);
            if (answer.status() == 429) {
                world.openRetryAfterWindow(
                        method, channel, Integer.parseInt(answer.headers().get("Retry-After")));
            }
            RecordedCall call = new RecordedCall(
                    world.calls.size() + 1,
                    method,
                    tokenKind,
                    params,
                    answer.drop() || answer.hang() ? 0 : answer.status(),
                    answer.body(),
                    answer.fault(),
                    inside,
                    receivedNanos);
            world.calls.add(call);
            ObjectNode line = world.logEvent("call")
                    .put("seq", call.seq())
                    .put("method", method)
                    .put("token", tokenKind);
            line.set("params", abbreviated(params));
            line.put("status", call.status());
            line.set("response", abbreviated(answer.body()));
            if (!answer.fault().isEmpty()) {
                line.put("fault", answer.fault());
            }
            if (inside) {
                line.put("inside_retry_after_window", true);
            }
            world.changed();
        }
        if (answer.drop()) {
            return new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST);
        }
        if (answer.hang()) {
            return new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE);
        }
        MockResponse response = new MockResponse()
                .setResponseCode(answer.status())
                .setHeader("Content-Type", "application/json; charset=utf-8")
                .setBody(answer.body().toString());
        answer.headers().forEach(response::setHeader);
        if (!answer.delay().isZero()) {
            response.setHeadersDelay(answer.delay().toNanos(), TimeUnit.NANOSECONDS);
        }
        return response;
    }

    private WebApiAnswer answer(String method, String tokenKind, String channel, ObjectNode params, long nowNanos) {
        if (!WebApiMethods.METHODS.contains(method)) {
            WebApiAnswer unknown = methods.error("unknown_method");
            unknown.body().put("req_method", method);
            return unknown;
        }
        if (tokenKind.equals("none")) {
            return methods.error("not_authed");
        }
        if (tokenKind.equals("unknown")) {
            return methods.error("invalid_auth");
        }
        String needed = WebApiMethods.tokenKindFor(method);
        if (!needed.equals("any") && !needed.equals(tokenKind)) {
            return methods.error("not_allowed_token_type");
        }
        Fault fault = world.takeFault(method, channel);
        if (fault != null) {
            return applyFault(fault, method, tokenKind, params);
        }
        int retryAfter = world.takeRateLimitToken(method, channel, nowNanos);
        if (retryAfter > 0) {
            return rateLimited(retryAfter).withFault("channel rate limit");
        }
        return methods.call(method, tokenKind, params);
    }

    private WebApiAnswer applyFault(Fault fault, String method, String tokenKind, ObjectNode params) {
        String description = fault.toString();
        if (fault instanceof Fault.RateLimited r) {
            return rateLimited(r.retryAfterSeconds()).withFault(description);
        } else if (fault instanceof Fault.SlackError e) {
            return methods.error(e.error()).withFault(description);
        } else if (fault instanceof Fault.InvalidBlocks b) {
            WebApiAnswer answer = methods.error("invalid_blocks");
            ArrayNode errors = answer.body().putArray("errors");
            b.messages().forEach(errors::add);
            ArrayNode messages = answer.body().putObject("response_metadata").putArray("messages");
            b.messages().forEach(messages::add);
            return answer.withFault(description);
        } else if (fault instanceof Fault.HttpStatus s) {
            WebApiAnswer fatal = methods.error("fatal_error");
            return new WebApiAnswer(s.status(), fatal.body(), Map.of(), fatal.delay(), false, description);
        } else if (fault instanceof Fault.Hang) {
            WebApiAnswer hung = methods.error("no_answer");
            return new WebApiAnswer(0, hung.body(), Map.of(), hung.delay(), false, description, true);
        } else if (fault instanceof Fault.Latency l) {
            return methods.call(method, tokenKind, params).delayed(l.delay()).withFault(description);
        } else {
            WebApiAnswer dropped = methods.error("connection_dropped");
            return new WebApiAnswer(0, dropped.body(), Map.of(), dropped.delay(), true, description);
        }
    }

    private WebApiAnswer rateLimited(int seconds) {
        WebApiAnswer limited = methods.error("ratelimited");
        return new WebApiAnswer(
                429, limited.body(), Map.of("Retry-After", Integer.toString(seconds)), limited.delay(), false, "");
    }

    private MockResponse hook(String hookId, ObjectNode body, long receivedNanos) {
        synchronized (world) {
            SlackWorld.Hook hook = world.hooks.get(hookId);
            ObjectNode line = world.logEvent("response_url").put("hook", hookId);
            line.set("body", abbreviated(body));
            if (hook == null || hook.uses >= 5) {
                line.put("status", 404);
                world.changed();
                return new MockResponse()
                        .setResponseCode(404)
                        .setHeader("Content-Type", "application/json; charset=utf-8")
                        .setBody("{\"ok\":false,\"error\":\"expired_url\"}");
            }
            hook.uses++;
            world.responseUrlPosts.add(new ResponseUrlPost(hookId, hook.envelopeId, body, hook.uses, receivedNanos));
            line.put("status", 200).put("envelope_id", hook.envelopeId);
            world.changed();
        }
        return new MockResponse()
                .setResponseCode(200)
                .setHeader("Content-Type", "application/json; charset=utf-8")
                .setBody("{\"ok\":true}");
    }

    private ObjectNode params(RecordedRequest request, String query) {
        ObjectNode params = world.json.createObjectNode();
        putForm(params, query);
        String body = request.getBody().readUtf8();
        String type = request.getHeader("Content-Type");
        if (type != null && type.toLowerCase().startsWith("application/json")) {
            try {
                JsonNode parsed = world.json.readTree(body);
                if (parsed != null && parsed.isObject()) {
                    params.setAll((ObjectNode) parsed);
                }
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                params.put("_unparseable_body", body);
            }
        } else {
            putForm(params, body);
        }
        return params;
    }

    private static void putForm(ObjectNode params, String form) {
        if (form == null || form.isEmpty()) {
            return;
        }
        for (String pair : form.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.put(key, value);
        }
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static String token(RecordedRequest request, ObjectNode params) {
        String auth = request.getHeader("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return auth.substring(7).trim();
        }
        JsonNode t = params.get("token");
        return t == null || t.isNull() ? null : t.asText();
    }

    /** A copy for the log with long strings cut, so a failure message stays readable. */
    private ObjectNode abbreviated(ObjectNode node) {
        ObjectNode copy = node.deepCopy();
        abbreviate(copy);
        return copy;
    }

    private static void abbreviate(JsonNode node) {
        if (node instanceof ObjectNode o) {
            for (var e : o.properties()) {
                if (e.getValue().isTextual() && e.getValue().asText().length() > 300) {
                    String s = e.getValue().asText();
                    e.setValue(o.textNode(s.substring(0, 300) + "... (" + s.length() + " chars)"));
                } else {
                    abbreviate(e.getValue());
                }
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                if (a.get(i).isTextual() && a.get(i).asText().length() > 300) {
                    String s = a.get(i).asText();
                    a.set(i, a.textNode(s.substring(0, 300) + "... (" + s.length() + " chars)"));
                } else {
                    abbreviate(a.get(i));
                }
            }
        }
    }
}
