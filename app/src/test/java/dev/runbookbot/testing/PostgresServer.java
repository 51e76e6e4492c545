package dev.runbookbot.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real PostgreSQL server for integration tests: its own data directory in a temp dir, listening on 127.0.0.1 on a
 * free port, stopped and deleted by {@link #close()}.
 *
 * <p>It uses the Debian server binaries in {@code /usr/lib/postgresql/<version>/bin} (the newest installed). PostgreSQL
 * refuses to run as root, so when the tests run as root the server runs as user {@code postgres} through
 * {@code runuser}, in a temp dir owned by that user. The superuser {@code postgres} logs in over TCP with a random
 * password ({@code scram-sha-256}); the Unix socket lives in the temp dir. When the binaries are missing the test is
 * skipped with an assumption, or fails when the environment variable {@code CI} is {@code true}.
 */
public final class PostgresServer implements AutoCloseable {
    public static final String SUPERUSER = "postgres";
    private static final Path INSTALL_ROOT = Path.of("/usr/lib/postgresql");
    private static final Duration START_DEADLINE = Duration.ofSeconds(60);
    private static final Duration STOP_DEADLINE = Duration.ofSeconds(20);

    private final Path bin;
    private final Path baseDir;
    private final Path dataDir;
    private final Path logFile;
    private final boolean asPostgresUser;
    private final int port;
    private final String superuserPassword;
    private final int maxConnections;
    private Process process;

    private PostgresServer(
            Path bin, Path baseDir, boolean asPostgresUser, int port, String superuserPassword, int maxConnections) {
        this.bin = bin;
        this.baseDir = baseDir;
        this.dataDir = baseDir.resolve("data");
        this.logFile = baseDir.resolve("postgres.log");
        this.asPostgresUser = asPostgresUser;
        this.port = port;
        this.superuserPassword = superuserPassword;
        this.maxConnections = maxConnections;
    }

    /** Initialises and starts a fresh server, waiting until it accepts logins. */
    public static PostgresServer start() throws IOException, InterruptedException {
        return start(60);
    }

    /**
     * Initialises and starts a fresh server that accepts at most {@code maxConnections} connections (all of them
     * usable by the superuser this launcher logs in as), waiting until it accepts logins.
     */
    public static PostgresServer start(int maxConnections) throws IOException, InterruptedException {
        Path bin = findBinaries();
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root
                && !Files.isExecutable(Path.of("/usr/sbin/runuser"))
                && !Files.isExecutable(Path.of("/sbin/runuser"))) {
            missing("runuser is needed to run PostgreSQL as user postgres while the tests run as root");
        }
        Path baseDir = Files.createTempDirectory("runbookbot-pg-");
        PostgresServer server = new PostgresServer(
                bin,
                baseDir,
                root,
                freePort(),
                "pw-" + UUID.randomUUID().toString().substring(0, 8),
                maxConnections);
        try {
            server.initialise();
            server.launch();
            return server;
        } catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
            server.close();
            throw e;
        }
    }

    private static Path findBinaries() {
        if (Files.isDirectory(INSTALL_ROOT)) {
            try (Stream<Path> versions = Files.list(INSTALL_ROOT)) {
                Optional<Path> newest = versions.map(v -> v.resolve("bin"))
                        .filter(b ->
                                Files.isExecutable(b.resolve("postgres")) && Files.isExecutable(b.resolve("initdb")))
                        .max(Comparator.comparingInt(PostgresServer::majorVersion));
                if (newest.isPresent()) {
                    return newest.get();
                }
            } catch (IOException e) {
                // fall through to "missing"
            }
        }
        missing("PostgreSQL server binaries (initdb, postgres) not found under " + INSTALL_ROOT + "/<version>/bin;"
                + " install the Debian package postgresql");
        throw new IllegalStateException("unreachable");
    }

    private static int majorVersion(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static void missing(String why) {
        if ("true".equals(System.getenv("CI"))) {
            fail(why);
        }
        Assumptions.assumeTrue(false, why);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void initialise() throws IOException, InterruptedException {
        Path socketDir = Files.createDirectories(baseDir.resolve("socket"));
        Path passwordFile = baseDir.resolve("superuser.pw");
        Files.writeString(passwordFile, superuserPassword + "\n", StandardCharsets.UTF_8);
        if (asPostgresUser) {
            UserPrincipal postgres =
                    baseDir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
            for (Path p : List.of(baseDir, socketDir, passwordFile)) {
                Files.setOwner(p, postgres);
            }
        }
        Files.setPosixFilePermissions(baseDir, PosixFilePermissions.fromString("rwx------"));
        run(
                List.of(
                        bin.resolve("initdb").toString(),
                        "-D",
                        dataDir.toString(),
                        "-U",
                        SUPERUSER,
                        "--auth-local=trust",
                        "--auth-host=scram-sha-256",
                        "--pwfile=" + passwordFile,
                        "--encoding=UTF8",
                        "--locale=C",
                        "--no-sync"),
                Duration.ofSeconds(120));
        Files.delete(passwordFile);
    }

    private void launch() throws IOException, InterruptedException {
        List<String> command = asUser(List.of(
                bin.resolve("postgres").toString(),
                "-D",
                dataDir.toString(),
                "-k",
                baseDir.resolve("socket").toString(),
                "-p",
                Integer.toString(port),
                "-c",
                "listen_addresses=127.0.0.1",
                "-c",
                "fsync=off",
                "-c",
                "synchronous_commit=off",
                "-c",
                "full_page_writes=off",
                "-c",
                "max_connections=" + maxConnections));
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile())
                .start();
        long deadline = System.nanoTime() + START_DEADLINE.toNanos();
        SQLException last = null;
        while (System.nanoTime() - deadline < 0) {
            if (!process.isAlive()) {
                fail("PostgreSQL exited with " + process.exitValue() + " while starting:\n" + logTail());
            }
            try {
                connect("postgres").close();
                return;
            } catch (SQLException e) {
                last = e;
            }
            TimeUnit.MILLISECONDS.sleep(50); // polling for readiness, bounded by the deadline
        }
        fail("PostgreSQL did not accept logins within " + START_DEADLINE + ": " + last + "\n" + logTail());
    }

    public int port() {
        return port;
    }

    public int maxConnections() {
        return maxConnections;
    }

    public String superuserPassword() {
        return superuserPassword;
    }

    /** A JDBC URL for {@code database}, without credentials. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** A superuser connection to {@code database}, in auto-commit mode. */
    public Connection connect(String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", SUPERUSER);
        properties.setProperty("password", superuserPassword);
        properties.setProperty("connectTimeout", "5");
        return DriverManager.getConnection(jdbcUrl(database), properties);
    }

    /** Runs statements as the superuser in {@code database}, each in its own transaction. */
    public void execute(String database, String... statements) throws SQLException {
        try (Connection c = connect(database);
                Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    private List<String> asUser(List<String> command) {
        if (!asPostgresUser) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    private void run(List<String> command, Duration limit) throws IOException, InterruptedException {
        Path output = Files.createTempFile("runbookbot-pg-cmd-", ".log");
        try {
            Process p = new ProcessBuilder(asUser(command))
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                fail(command.get(0) + " did not finish within " + limit);
            }
            if (p.exitValue() != 0) {
                fail(command + " exited with " + p.exitValue() + ":\n" + Files.readString(output));
            }
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /**
     * Stops the server as an operator's restart or a primary switch-over would ({@code pg_ctl stop -m fast}: every
     * client connection is cut), keeping its data; {@link #restart()} brings it back on the same port.
     */
    public void stop() throws IOException, InterruptedException {
        run(
                List.of(bin.resolve("pg_ctl").toString(), "stop", "-D", dataDir.toString(), "-m", "fast", "-w"),
                STOP_DEADLINE);
        if (!process.waitFor(STOP_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
            fail("PostgreSQL did not stop within " + STOP_DEADLINE);
        }
    }

    /** Starts the server again after {@link #stop()}, on the same port and data, waiting until it accepts logins. */
    public void restart() throws IOException, InterruptedException {
        launch();
    }

    /** Stops the server at once ({@code pg_ctl stop -m immediate}) and deletes its data. */
    @Override
    public void close() {
        try {
            if (process != null && process.isAlive()) {
                try {
                    run(
                            List.of(
                                    bin.resolve("pg_ctl").toString(),
                                    "stop",
                                    "-D",
                                    dataDir.toString(),
                                    "-m",
                                    "immediate",
                                    "-w"),
                            STOP_DEADLINE);
                } catch (AssertionError | IOException e) {
                    // fall back to signals below
                }
                if (!process.waitFor(STOP_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    process.waitFor(STOP_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            deleteRecursively(baseDir);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // a leftover temp dir is not worth failing a test over
        }
    }
}
