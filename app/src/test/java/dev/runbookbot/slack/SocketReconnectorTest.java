package dev.runbookbot.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.slack.api.methods.SlackApiException;
import com.slack.api.socket_mode.SocketModeClient;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The reconnect loop against a stand-in SDK client whose link is down and whose attempts are rate limited. */
class SocketReconnectorTest {
    private final AtomicLong now = new AtomicLong();
    private final AtomicInteger attempts = new AtomicInteger();
    private final ScheduledExecutorService checks = Executors.newSingleThreadScheduledExecutor();
    private final SocketReconnector reconnector =
            new SocketReconnector(new ReconnectBackoff(() -> 0.5), now::get, checks);

    @AfterEach
    void close() {
        reconnector.close();
        checks.shutdownNow();
    }

    private static SlackApiException rateLimited(int retryAfterSeconds) {
        Response response = new Response.Builder()
                .request(new Request.Builder()
                        .url("http://127.0.0.1/api/apps.connections.open")
                        .build())
                .protocol(Protocol.HTTP_1_1)
                .code(429)
                .message("Too Many Requests")
                .header("Retry-After", Integer.toString(retryAfterSeconds))
                .build();
        return new SlackApiException(response, "{\"ok\":false,\"error\":\"ratelimited\"}");
    }

    private SocketModeClient downAndRateLimited(int retryAfterSeconds) {
        return (SocketModeClient) Proxy.newProxyInstance(
                SocketModeClient.class.getClassLoader(),
                new Class<?>[] {SocketModeClient.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "verifyConnection" -> false;
                    case "connectToNewEndpoint" -> {
                        attempts.incrementAndGet();
                        throw new IOException(rateLimited(retryAfterSeconds));
                    }
                    case "getWebSocketCloseListeners" -> new java.util.ArrayList<>();
                    default -> null;
                });
    }

    @Test
    void aRateLimitedAttemptIsRepeatedOnlyAfterRetryAfterAndTheBackoff() {
        reconnector.watch(downAndRateLimited(30));

        reconnector.check();
        assertEquals(1, attempts.get());
        now.addAndGet(Duration.ofSeconds(29).toNanos());
        reconnector.check();
        assertEquals(1, attempts.get(), "not before Retry-After has passed");
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        reconnector.check();
        assertEquals(2, attempts.get());
    }

    @Test
    void theRetryAfterOfARateLimitedOpenIsRead() {
        assertEquals(
                Optional.of(Duration.ofSeconds(12)), SocketReconnector.retryAfter(new IOException(rateLimited(12))));
        assertEquals(Optional.empty(), SocketReconnector.retryAfter(new IOException("connection refused")));
    }
}
