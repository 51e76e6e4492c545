package dev.runbookbot.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * A real Alertmanager ({@code /usr/bin/prometheus-alertmanager}, Debian package {@code prometheus-alertmanager},
 * 0.25 here) for integration tests: its own temporary {@code --storage.path}, listening on a free port of 127.0.0.1,
 * gossip off ({@code --cluster.listen-address=} empty), one route grouping by {@code alertname} with tight timings
 * ({@code group_wait} and {@code group_interval} {@value #GROUP_SECONDS}s, {@code repeat_interval} {@value
 * #REPEAT_SECONDS}s) to one webhook receiver with {@code send_resolved: true} and the given {@code http_config}. Feed
 * it alerts with {@link #postAlerts} ({@code POST /api/v2/alerts}); close it to stop the process and delete the
 * directory. When the binary is missing the rule of {@link ExternalBinary} applies.
 */
public final class AlertmanagerServer implements AutoCloseable {
    public static final Path BINARY = Path.of("/usr/bin/prometheus-alertmanager");
    static final int GROUP_SECONDS = 1;
    static final int REPEAT_SECONDS = 2;
    private static final Duration READY_LIMIT = Duration.ofSeconds(60);
    private static final MediaType JSON = MediaType.get("application/json");

    private final Process process;
    private final Path dir;
    private final HttpUrl baseUrl;
    private final OkHttpClient client =
            new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(5)).build();

    private AlertmanagerServer(Process process, Path dir, HttpUrl baseUrl) {
        this.process = process;
        this.dir = dir;
        this.baseUrl = baseUrl;
    }

    /** Sends to {@code webhook} with {@code Authorization: Bearer <token>} ({@code http_config.authorization}). */
    public static AlertmanagerServer withBearerToken(URI webhook, String token) throws IOException {
        return start(
                webhook,
                "        http_config:\n          authorization:\n            type: Bearer\n"
                        + "            credentials: " + quote(token) + "\n");
    }

    /** Sends to {@code webhook} with basic auth ({@code http_config.basic_auth}). */
    public static AlertmanagerServer withBasicAuth(URI webhook, String user, String password) throws IOException {
        return start(
                webhook,
                "        http_config:\n          basic_auth:\n            username: " + quote(user)
                        + "\n            password: " + quote(password) + "\n");
    }

    private static AlertmanagerServer start(URI webhook, String httpConfig) throws IOException {
        Path binary = ExternalBinary.require(BINARY, "prometheus-alertmanager");
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            Path dir = Files.createTempDirectory("alertmanager-it-");
            int port = freePort();
            Path config = dir.resolve("alertmanager.yml");
            Files.writeString(config, config(webhook, httpConfig), StandardCharsets.UTF_8);
            Process process = new ProcessBuilder(
                            binary.toString(),
                            "--config.file=" + config,
                            "--storage.path=" + dir.resolve("data"),
                            "--web.listen-address=127.0.0.1:" + port,
                            "--cluster.listen-address=",
                            "--log.level=warn")
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("alertmanager.log").toFile())
                    .start();
            AlertmanagerServer server =
                    new AlertmanagerServer(process, dir, HttpUrl.get("http://127.0.0.1:" + port + "/"));
            try {
                server.awaitReady();
                return server;
            } catch (IOException e) {
                last = e;
                server.close();
            }
        }
        throw last;
    }

    private static String config(URI webhook, String httpConfig) {
        return "route:\n"
                + "  receiver: runbook-bot\n"
                + "  group_by: ['alertname']\n"
                + "  group_wait: " + GROUP_SECONDS + "s\n"
                + "  group_interval: " + GROUP_SECONDS + "s\n"
                + "  repeat_interval: " + REPEAT_SECONDS + "s\n"
                + "receivers:\n"
                + "  - name: runbook-bot\n"
                + "    webhook_configs:\n"
                + "      - url: " + quote(webhook.toString()) + "\n"
                + "        send_resolved: true\n"
                + httpConfig;
    }

    private static String quote(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Polls {@code /-/ready}; fails fast with the log if the process exits (for example a port taken meanwhile). */
    private void awaitReady() throws IOException {
        HttpUrl ready = baseUrl.resolve("/-/ready");
        boolean up = Poll.until("alertmanager at " + baseUrl + " to be ready", READY_LIMIT, () -> {
            if (!process.isAlive()) {
                return Optional.of(false);
            }
            try (Response response =
                    client.newCall(new Request.Builder().url(ready).build()).execute()) {
                return response.code() == 200 ? Optional.of(true) : Optional.empty();
            } catch (IOException e) {
                return Optional.empty();
            }
        });
        if (!up) {
            throw new IOException("alertmanager exited before it was ready:\n" + log());
        }
    }

    /** {@code POST /api/v2/alerts} with a JSON array of alerts, as Prometheus sends them; fails unless 200. */
    public void postAlerts(String jsonArray) throws IOException {
        Request request = new Request.Builder()
                .url(baseUrl.resolve("/api/v2/alerts"))
                .post(RequestBody.create(jsonArray, JSON))
                .build();
        try (Response response = client.newCall(request).execute()) {
            if (response.code() != 200) {
                throw new IOException("alertmanager refused the alerts with " + response.code() + ": "
                        + response.body().string());
            }
        }
    }

    public URI baseUrl() {
        return baseUrl.uri();
    }

    /** What Alertmanager logged so far (warnings and errors, such as failed notifications), for failure messages. */
    public String log() {
        try {
            return Files.readString(dir.resolve("alertmanager.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
        PrometheusServer.deleteRecursively(dir);
    }
}
