package dev.runbookbot.runtime;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.testing.Poll;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The packaged bot ({@code runbook-bot.jar}, its path in the system property {@code runbookbot.jar} that failsafe sets)
 * as a child JVM against an {@link AlertingWorld}, its web server on a free port of 127.0.0.1: started with the world's
 * environment, waited for until {@code /readyz} is 200, sent Alertmanager webhooks. Close it: the JVM still running is
 * killed and the HTTP client stopped (the world is the test's to close).
 */
final class PackagedBot implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(90);
    private static final MediaType JSON = MediaType.get("application/json");

    /** What a webhook delivery was answered: the status, its {@code Retry-After}, the body. */
    record Answer(int status, Optional<String> retryAfter, String body) {}

    private final AlertingWorld world;
    private final int port;
    private final OkHttpClient http = new OkHttpClient();
    private Process process;

    PackagedBot(AlertingWorld world) throws IOException {
        this.world = world;
        this.port = freePort();
    }

    /**
     * Starts {@code runbook-bot.jar args} with the world's environment (none of this JVM's {@code RUNBOOK_} or {@code
     * SLACK_} variables) and {@code env} on top; its output is discarded, its errors go to {@code stderr}.
     */
    Process start(List<String> args, Map<String, String> env, ProcessBuilder.Redirect stderr) throws IOException {
        String jar = System.getProperty("runbookbot.jar");
        assertTrue(
                jar != null && Files.isRegularFile(Path.of(jar)),
                "the packaged jar (system property runbookbot.jar, set by failsafe) is missing: " + jar);
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-jar", jar));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(stderr);
        builder.environment().keySet().removeIf(name -> name.startsWith("RUNBOOK_") || name.startsWith("SLACK_"));
        builder.environment().putAll(world.env(port));
        builder.environment().putAll(env);
        process = builder.start();
        return process;
    }

    /** Waits until the bot last started answers {@code /readyz} with 200; fails at once if it exits. */
    void awaitReady() {
        Process started = process;
        Poll.until("the bot ready on port " + port, WAIT, () -> {
            if (!started.isAlive()) {
                throw new AssertionError("the bot exited with " + started.exitValue());
            }
            try {
                return get("/readyz").startsWith("200") ? Optional.of(true) : Optional.empty();
            } catch (UncheckedIOException e) {
                return Optional.empty();
            }
        });
    }

    /** Delivers an Alertmanager webhook {@code body} with the world's bearer token. */
    Answer postAlert(String body) {
        Request request = new Request.Builder()
                .url("http://127.0.0.1:" + port + "/webhooks/alertmanager")
                .header("Authorization", "Bearer " + AlertingWorld.TOKEN)
                .post(RequestBody.create(body, JSON))
                .build();
        try (Response response = http.newCall(request).execute()) {
            return new Answer(
                    response.code(),
                    Optional.ofNullable(response.header("Retry-After")),
                    response.body().string());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** GETs {@code path}: the status, a newline, the body. */
    String get(String path) {
        try {
            return world.get(port, path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A port of 127.0.0.1 that nothing listens on now. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
