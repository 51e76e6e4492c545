package dev.runbookbot.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * A real postgres_exporter ({@code /usr/bin/prometheus-postgres-exporter}, Debian package
 * {@code prometheus-postgres-exporter}) for integration tests: it reads a {@link PostgresServer} over 127.0.0.1 as its
 * superuser (the {@code postgres} database, {@code sslmode=disable}) and serves {@code /metrics} on a free port of
 * 127.0.0.1. {@link #start} returns once {@code /metrics} answers with {@code pg_up 1}, that is once the exporter has
 * connected; {@link #close()} stops it. The process gets no environment but {@code DATA_SOURCE_NAME}, so nothing on the
 * machine can point it elsewhere. When the binary is missing the rule of {@link ExternalBinary} applies.
 */
public final class PostgresExporterServer implements AutoCloseable {
    public static final Path BINARY = Path.of("/usr/bin/prometheus-postgres-exporter");
    private static final Duration READY_LIMIT = Duration.ofSeconds(60);

    private final Process process;
    private final Path dir;
    private final int port;
    private final OkHttpClient client =
            new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(5)).build();

    private PostgresExporterServer(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    /** Starts the exporter against {@code postgres} and waits until it reports {@code pg_up 1}. */
    public static PostgresExporterServer start(PostgresServer postgres) throws IOException {
        Path binary = ExternalBinary.require(BINARY, "prometheus-postgres-exporter");
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            Path dir = Files.createTempDirectory("postgres-exporter-it-");
            int port = freePort();
            ProcessBuilder builder = new ProcessBuilder(
                            binary.toString(), "--web.listen-address=127.0.0.1:" + port, "--log.level=warn")
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("exporter.log").toFile());
            Map<String, String> env = builder.environment();
            env.clear();
            env.put(
                    "DATA_SOURCE_NAME",
                    "postgresql://" + PostgresServer.SUPERUSER + ":" + postgres.superuserPassword() + "@127.0.0.1:"
                            + postgres.port() + "/postgres?sslmode=disable");
            PostgresExporterServer server = new PostgresExporterServer(builder.start(), dir, port);
            try {
                server.awaitConnected();
                return server;
            } catch (IOException e) {
                last = e;
                server.close();
            }
        }
        throw last;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void awaitConnected() throws IOException {
        Request metrics = new Request.Builder().url(metricsUrl()).build();
        boolean up = Poll.until("postgres_exporter on 127.0.0.1:" + port + " to report pg_up 1", READY_LIMIT, () -> {
            if (!process.isAlive()) {
                return Optional.of(false);
            }
            try (Response response = client.newCall(metrics).execute()) {
                return response.code() == 200 && response.body().string().contains("\npg_up 1")
                        ? Optional.of(true)
                        : Optional.empty();
            } catch (IOException e) {
                return Optional.empty();
            }
        });
        if (!up) {
            throw new IOException("postgres_exporter exited before it was ready:\n" + log());
        }
    }

    /** {@code 127.0.0.1:<port>}, the scrape target for {@link PrometheusServer#start}. */
    public String target() {
        return "127.0.0.1:" + port;
    }

    public String metricsUrl() {
        return "http://" + target() + "/metrics";
    }

    /** What the exporter logged so far, for failure messages. */
    public String log() {
        try {
            return Files.readString(dir.resolve("exporter.log"), StandardCharsets.UTF_8);
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
