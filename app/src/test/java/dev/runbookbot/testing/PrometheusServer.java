package dev.runbookbot.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * A real Prometheus ({@code /usr/bin/prometheus}, Debian package {@code prometheus}) for integration tests: its own
 * temporary data directory, listening on a free port of 127.0.0.1, scraping the given targets every second. Start it
 * with {@link #start}, wait for data with {@link #awaitNonEmpty}, and close it (the process is stopped and the
 * directory deleted). When the binary is missing the rule of {@link ExternalBinary} applies.
 */
public final class PrometheusServer implements AutoCloseable {
    public static final Path BINARY = Path.of("/usr/bin/prometheus");
    private static final Duration READY_LIMIT = Duration.ofSeconds(60);

    private final Process process;
    private final Path dir;
    private final HttpUrl baseUrl;
    private final OkHttpClient client =
            new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    private PrometheusServer(Process process, Path dir, HttpUrl baseUrl) {
        this.process = process;
        this.dir = dir;
        this.baseUrl = baseUrl;
    }

    /** Starts Prometheus scraping {@code targets} ({@code host:port}, path {@code /metrics}) and waits until ready. */
    public static PrometheusServer start(List<String> targets) throws IOException {
        Path binary = ExternalBinary.require(BINARY, "prometheus");
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            Path dir = Files.createTempDirectory("prometheus-it-");
            int port = freePort();
            Path config = dir.resolve("prometheus.yml");
            Files.writeString(config, config(targets), StandardCharsets.UTF_8);
            Process process = new ProcessBuilder(
                            binary.toString(),
                            "--config.file=" + config,
                            "--storage.tsdb.path=" + dir.resolve("data"),
                            "--web.listen-address=127.0.0.1:" + port,
                            "--log.level=warn")
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("prometheus.log").toFile())
                    .start();
            PrometheusServer server = new PrometheusServer(process, dir, HttpUrl.get("http://127.0.0.1:" + port + "/"));
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

    private static String config(List<String> targets) {
        StringBuilder yaml = new StringBuilder()
                .append("global:\n")
                .append("  scrape_interval: 1s\n")
                .append("  scrape_timeout: 1s\n")
                .append("  evaluation_interval: 1s\n")
                .append("scrape_configs:\n")
                .append("  - job_name: target\n")
                .append("    static_configs:\n")
                .append("      - targets:\n");
        for (String target : targets) {
            yaml.append("          - '").append(target.replace("'", "''")).append("'\n");
        }
        return yaml.toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Polls {@code /-/ready}; fails fast with the log if the process exits (for example a port taken meanwhile). */
    private void awaitReady() throws IOException {
        HttpUrl ready = baseUrl.resolve("/-/ready");
        boolean up = Poll.until("prometheus at " + baseUrl + " to be ready", READY_LIMIT, () -> {
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
            throw new IOException("prometheus exited before it was ready:\n" + log());
        }
    }

    /** Polls an instant query until its result is not empty (for example until the first scrape has landed). */
    public void awaitNonEmpty(String promql, Duration limit) {
        HttpUrl url = baseUrl.newBuilder()
                .addPathSegments("api/v1/query")
                .addQueryParameter("query", promql)
                .build();
        Poll.until("a non-empty result for " + promql, limit, () -> {
            try (Response response =
                    client.newCall(new Request.Builder().url(url).build()).execute()) {
                JsonNode result =
                        json.readTree(response.body().string()).path("data").path("result");
                return result.isArray() && result.size() > 0 ? Optional.of(true) : Optional.empty();
            } catch (IOException e) {
                return Optional.empty();
            }
        });
    }

    public URI baseUrl() {
        return baseUrl.uri();
    }

    /** What Prometheus logged so far (warnings and errors), for failure messages. */
    public String log() {
        try {
            return Files.readString(dir.resolve("prometheus.log"), StandardCharsets.UTF_8);
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
        deleteRecursively(dir);
    }

    static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        List<Path> paths = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(paths::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path p : paths) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
