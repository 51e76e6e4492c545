package dev.runbookbot.runtime;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.testing.Poll;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Replicas of the packaged bot ({@code runbook-bot.jar bot}, the jar failsafe names in {@code runbookbot.jar}) as child
 * JVMs, all with one environment (one store, one fake Slack) and each with its own web port, Socket Mode connection
 * and log files ({@code replica-<n>-<start>.out/.err} in the test's directory). Replicas are numbered from 0; a
 * killed replica can be started again under its number (a new process, a new replica id). Close it.
 */
final class BotReplicas implements AutoCloseable {
    static final Duration READY = Duration.ofSeconds(90);

    private final Path dir;
    private final IntFunction<Map<String, String>> envOfPort;
    private final List<Replica> replicas = new ArrayList<>();
    private int starts;

    /** @param envOfPort the environment of a replica whose web server listens on the given port */
    BotReplicas(Path dir, IntFunction<Map<String, String>> envOfPort) {
        this.dir = dir;
        this.envOfPort = envOfPort;
    }

    /** One started replica: its process, its web port and its log files. */
    record Replica(int number, Process process, int port, Path out, Path err) {
        long pid() {
            return process.pid();
        }

        boolean alive() {
            return process.isAlive();
        }
    }

    /** Starts replicas until {@code n} are alive, each ready ({@code /readyz} 200); returns the alive ones. */
    List<Replica> ensureAlive(int n, AlertingClient http) throws IOException {
        List<Integer> started = new ArrayList<>();
        for (int i = 0; alive().size() < n; i++) {
            if (i >= replicas.size() || !replicas.get(i).alive()) {
                started.add(launch(i));
            }
        }
        for (int number : started) {
            awaitReady(replicas.get(number), http);
        }
        return alive();
    }

    List<Replica> alive() {
        return replicas.stream().filter(Replica::alive).toList();
    }

    Replica replica(int number) {
        return replicas.get(number);
    }

    /** The alive replica whose process id is {@code pid}. */
    Optional<Replica> byPid(long pid) {
        return alive().stream().filter(r -> r.pid() == pid).findFirst();
    }

    /** {@code kill -9}: no shutdown hook, no clean release of its leases. */
    void kill(Replica replica) throws InterruptedException {
        replica.process().destroyForcibly();
        assertTrue(replica.process().waitFor(30, TimeUnit.SECONDS), "replica " + replica.number() + " did not die");
    }

    /** Every replica's error log, for a failure message. */
    String logs() {
        StringBuilder text = new StringBuilder();
        for (Replica r : replicas) {
            text.append("--- replica ")
                    .append(r.number())
                    .append(" (pid ")
                    .append(r.pid())
                    .append(r.alive() ? ", alive" : ", gone")
                    .append(") ---\n")
                    .append(read(r.err()));
        }
        return text.toString();
    }

    @Override
    public void close() throws InterruptedException {
        for (Replica r : replicas) {
            r.process().destroy();
        }
        for (Replica r : replicas) {
            if (!r.process().waitFor(20, TimeUnit.SECONDS)) {
                r.process().destroyForcibly();
                r.process().waitFor(20, TimeUnit.SECONDS);
            }
        }
    }

    private int launch(int number) throws IOException {
        String jar = System.getProperty("runbookbot.jar");
        assertTrue(
                jar != null && Files.isRegularFile(Path.of(jar)),
                "the packaged jar (system property runbookbot.jar, set by failsafe) is missing: " + jar);
        int port = freePort();
        int start = ++starts;
        Path out = dir.resolve("replica-" + number + "-" + start + ".out");
        Path err = dir.resolve("replica-" + number + "-" + start + ".err");
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", jar, "bot")
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("RUNBOOK_") || name.startsWith("SLACK_"));
        Map<String, String> env = new HashMap<>(envOfPort.apply(port));
        builder.environment().putAll(env);
        Replica replica = new Replica(number, builder.start(), port, out, err);
        if (number < replicas.size()) {
            replicas.set(number, replica);
        } else {
            replicas.add(replica);
        }
        return number;
    }

    private void awaitReady(Replica replica, AlertingClient http) {
        Poll.until("replica " + replica.number() + " ready on port " + replica.port(), READY, () -> {
            if (!replica.alive()) {
                throw new AssertionError("replica " + replica.number() + " exited with "
                        + replica.process().exitValue() + ":\n" + read(replica.err()));
            }
            try {
                return http.get(replica.port(), "/readyz").startsWith("200") ? Optional.of(true) : Optional.empty();
            } catch (IOException e) {
                return Optional.empty();
            }
        });
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** What the replicas are asked over HTTP. */
    interface AlertingClient {
        String get(int port, String path) throws IOException;
    }
}
