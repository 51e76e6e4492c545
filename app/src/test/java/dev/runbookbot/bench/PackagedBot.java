package dev.runbookbot.bench;

import dev.runbookbot.testing.Poll;
import dev.runbookbot.testing.slack.FakeSlack;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The packaged bot as a user runs it: {@code ./runbookctl bot} (the launcher at the repository root with its JVM
 * settings and class-data archive) in a child process, against an in-process {@link FakeSlack} on 127.0.0.1, with the
 * two Slack tokens only, an Alertmanager bearer token, a SQLite file and the runbooks given. Launch time is taken just
 * before the process starts; ready is the line {@code runbookctl bot} prints once Socket Mode is connected (the web
 * server is listening before that). Close it to stop the bot with SIGTERM.
 */
final class PackagedBot implements AutoCloseable {
    static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    static final Path LAUNCHER = ROOT.resolve("runbookctl");
    static final String TOKEN = "bench-alertmanager-t0ken";
    private static final MediaType JSON = MediaType.get("application/json");
    private static final Duration WAIT = Duration.ofMinutes(3);

    final Process process;
    final int webPort;
    final long launchedNanos;
    private final CountDownLatch ready = new CountDownLatch(1);
    private volatile long readyNanos;
    private final List<String> output = new ArrayList<>();
    private final OkHttpClient client = new OkHttpClient();

    private PackagedBot(Process process, int webPort, long launchedNanos) {
        this.process = process;
        this.webPort = webPort;
        this.launchedNanos = launchedNanos;
        Thread reader = new Thread(this::readOutput, "packaged-bot-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code runbookctl bot}; {@code extraEnv} adds or overrides variables. */
    static PackagedBot start(FakeSlack slack, Path runbooks, Path dir, Map<String, String> extraEnv)
            throws IOException {
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder(LAUNCHER.toString(), "bot")
                .redirectErrorStream(true)
                .directory(dir.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("RUNBOOK_") || name.startsWith("SLACK_"));
        env.put("SLACK_BOT_TOKEN", slack.botToken());
        env.put("SLACK_APP_TOKEN", slack.appToken());
        env.put("SLACK_API_URL", slack.apiUrl().toString());
        env.put("RUNBOOK_DIR", runbooks.toString());
        env.put("RUNBOOK_DB", dir.resolve("bot.db").toString());
        env.put("RUNBOOK_WEB_PORT", Integer.toString(port));
        env.put("RUNBOOK_ALERTMANAGER_TOKEN_SECRET", "alertmanager-token");
        env.put("RUNBOOK_SECRET_ALERTMANAGER_TOKEN", TOKEN);
        env.put("RUNBOOK_LOG_LEVEL", "WARN");
        env.putAll(extraEnv);
        long launched = System.nanoTime();
        return new PackagedBot(builder.start(), port, launched);
    }

    private void readOutput() {
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("runbook-bot is connected to Slack")) {
                    readyNanos = System.nanoTime();
                    ready.countDown();
                }
                synchronized (output) {
                    if (output.size() < 200) {
                        output.add(line);
                    }
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    /** Waits until the bot says it is connected; the time from launch to that line. */
    Duration awaitReady() throws InterruptedException {
        Poll.until("the packaged bot ready", WAIT, () -> {
            if (!process.isAlive()) {
                throw new AssertionError("the bot exited with " + process.exitValue() + ":\n" + output());
            }
            return ready.getCount() == 0 ? Optional.of(true) : Optional.empty();
        });
        return Duration.ofNanos(readyNanos - launchedNanos);
    }

    String output() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    /** The Java process of the bot: the launcher itself once it exec'd Java, else its Java child. */
    ProcessHandle java() {
        return process.descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .findFirst()
                .orElse(process.toHandle());
    }

    /** Resident memory of the bot's JVM now, in MB. */
    double rssMb() {
        return Memory.rssMb(java().pid());
    }

    int postAlertmanager(String body) throws IOException {
        Request request = new Request.Builder()
                .url("http://127.0.0.1:" + webPort + "/webhooks/alertmanager")
                .header("Authorization", "Bearer " + TOKEN)
                .post(RequestBody.create(body, JSON))
                .build();
        try (Response response = client.newCall(request).execute()) {
            return response.code();
        }
    }

    /** The value of the metric line {@code name} (with its labels, if any) of {@code GET /metrics}; NaN when absent. */
    double metric(String name) throws IOException {
        Request request = new Request.Builder()
                .url("http://127.0.0.1:" + webPort + "/metrics")
                .build();
        try (Response response = client.newCall(request).execute()) {
            for (String line : response.body().string().split("\n")) {
                if (line.startsWith(name + " ")) {
                    return Double.parseDouble(line.substring(name.length() + 1).trim());
                }
            }
        }
        return Double.NaN;
    }

    OkHttpClient client() {
        return client;
    }

    /** SIGTERM, as Ctrl-C or a service manager would stop it, and waits for it to exit. */
    @Override
    public void close() throws InterruptedException {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** The test runbook resource {@code name} copied into {@code directory}, {@code @BASE@} replaced by {@code base}. */
    static void copyRunbook(String name, Path directory, String base) throws IOException {
        Files.createDirectories(directory);
        try (var in = PackagedBot.class.getResourceAsStream("/bench-runbooks/" + name)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Files.writeString(directory.resolve(name), text.replace("@BASE@", base));
        }
    }

    /**
     * {@code count} copies of {@code bench-payments.yaml}, each its own runbook ({@code bench-payments-<k>}, triggered
     * by alert {@code BenchPaymentsSlow<k>}) that posts in its own channel, added to {@code slack}: as teams' runbooks
     * post in their teams' channels, so that many incidents are not all paced by one channel's one message a second.
     * Returns the channel ids, the k-th for runbook k.
     */
    static List<String> copyPaymentsPerChannel(FakeSlack slack, Path directory, String base, int count)
            throws IOException {
        Files.createDirectories(directory);
        String text;
        try (var in = PackagedBot.class.getResourceAsStream("/bench-runbooks/bench-payments.yaml")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("@BASE@", base);
        }
        List<String> channels = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            String channel = String.format(java.util.Locale.ROOT, "C9%03d", k);
            slack.addChannel(dev.runbookbot.testing.slack.FakeChannel.publicWithBot(channel, "team-" + k));
            Files.writeString(
                    directory.resolve("bench-payments-" + k + ".yaml"),
                    text.replace("id: bench-payments", "id: bench-payments-" + k)
                            .replace("alertName: BenchPaymentsSlow", "alertName: BenchPaymentsSlow" + k)
                            .replace("primary: \"C111\"", "primary: \"" + channel + "\""));
            channels.add(channel);
        }
        return channels;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Runs {@code runbookctl args} to its end in {@code dir}: exit code, output, wall time, peak RSS of its JVM. */
    static Run runbookctl(Path dir, Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).directory(dir.toFile());
        builder.environment().putAll(new HashMap<>(env));
        Path out = Files.createTempFile(dir, "runbookctl", ".out");
        builder.redirectOutput(out.toFile());
        long start = System.nanoTime();
        Process process = builder.start();
        PeakRss peak = PeakRss.watch(process);
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("runbookctl " + String.join(" ", args) + " did not finish");
        }
        Duration wall = Duration.ofNanos(System.nanoTime() - start);
        return new Run(process.exitValue(), Files.readString(out), wall, peak.stop());
    }

    record Run(int exitCode, String output, Duration wall, double peakRssMb) {}
}
