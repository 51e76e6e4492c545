package dev.runbookbot.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * How the {@link ProcessRunner} starts children. Built once from configuration.
 *
 * @param workingDirectory the directory every child starts in; it must exist
 * @param searchPath the {@code PATH} every child sees, and the only place {@code argv[0]} is looked up (the JVM's own
 *     {@code PATH} is never used)
 * @param baseEnvironment variables every child gets, such as {@code LANG} or {@code HOME}; nothing is inherited from
 *     the JVM. {@code PATH} is not allowed here: it is {@code searchPath}
 * @param killGrace how long a process has between SIGTERM and SIGKILL when it is killed
 * @param drainTimeout how long to wait for stdout and stderr to reach end-of-file after the process has ended (the
 *     {@code PumpStreamHandler} stop timeout, whose default of zero means forever)
 * @param sessionLauncher the {@code setsid} binary, when children are to start in a session of their own so that a
 *     kill also reaches descendants that were re-parented (double fork); empty to rely on the descendant walk alone
 * @param sandbox how every child is isolated ({@link SandboxSettings#none()} runs it on the host)
 */
public record ProcessRunnerSettings(
        Path workingDirectory,
        String searchPath,
        Map<String, String> baseEnvironment,
        Duration killGrace,
        Duration drainTimeout,
        Optional<Path> sessionLauncher,
        SandboxSettings sandbox) {

    /** Time beyond the kill grace that {@link #processTimeoutWithin} keeps for killing a tree. */
    static final long KILL_MARGIN_MILLIS = 250;

    /** The {@code PATH} used by {@link #defaults}. */
    public static final String DEFAULT_SEARCH_PATH = "/usr/local/bin:/usr/bin:/bin";

    /** Settings without a sandbox. */
    public ProcessRunnerSettings(
            Path workingDirectory,
            String searchPath,
            Map<String, String> baseEnvironment,
            Duration killGrace,
            Duration drainTimeout,
            Optional<Path> sessionLauncher) {
        this(
                workingDirectory,
                searchPath,
                baseEnvironment,
                killGrace,
                drainTimeout,
                sessionLauncher,
                SandboxSettings.none());
    }

    public ProcessRunnerSettings {
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        Objects.requireNonNull(sandbox, "sandbox");
        Objects.requireNonNull(searchPath, "searchPath");
        Objects.requireNonNull(sessionLauncher, "sessionLauncher");
        baseEnvironment = Map.copyOf(new LinkedHashMap<>(baseEnvironment));
        if (baseEnvironment.containsKey("PATH")) {
            throw new IllegalArgumentException("PATH is set by searchPath, not by baseEnvironment");
        }
        if (killGrace.isNegative() || drainTimeout.isNegative() || drainTimeout.isZero()) {
            throw new IllegalArgumentException("killGrace must be >= 0 and drainTimeout > 0");
        }
    }

    /**
     * Settings for {@code workingDirectory} with a fixed {@link #DEFAULT_SEARCH_PATH}, {@code LANG=C.UTF-8}, a 500 ms
     * kill grace, a 2 s drain timeout, {@code setsid} when it is installed in {@code /usr/bin} or {@code /bin}, and no
     * sandbox (configuration chooses one: {@code sandbox.mode}).
     */
    public static ProcessRunnerSettings defaults(Path workingDirectory) {
        Optional<Path> setsid = Stream.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid"))
                .filter(Files::isExecutable)
                .findFirst();
        return new ProcessRunnerSettings(
                workingDirectory,
                DEFAULT_SEARCH_PATH,
                Map.of("LANG", "C.UTF-8", "LC_ALL", "C.UTF-8"),
                Duration.ofMillis(500),
                Duration.ofSeconds(2),
                setsid);
    }

    /** The longest a run can take beyond its own timeout: killing the tree, then draining its output. */
    public Duration cleanupAllowance() {
        return killGrace.multipliedBy(2).plus(drainTimeout);
    }

    /**
     * How long a process may run within a step's {@code budget}, so that the step reports its own timeout (with what
     * was killed) before the caller's deadline: the budget less what killing the tree may take (twice the kill grace
     * and a {@value #KILL_MARGIN_MILLIS} ms margin), but less at most a fifth of it. Zero or negative when the budget
     * is.
     */
    public Duration processTimeoutWithin(Duration budget) {
        Duration reserve = killGrace.multipliedBy(2).plusMillis(KILL_MARGIN_MILLIS);
        Duration fifth = budget.dividedBy(5);
        return budget.minus(reserve.compareTo(fifth) < 0 ? reserve : fifth);
    }

    public ProcessRunnerSettings withSessionLauncher(Optional<Path> launcher) {
        return new ProcessRunnerSettings(
                workingDirectory, searchPath, baseEnvironment, killGrace, drainTimeout, launcher, sandbox);
    }

    public ProcessRunnerSettings withSandbox(SandboxSettings newSandbox) {
        return new ProcessRunnerSettings(
                workingDirectory, searchPath, baseEnvironment, killGrace, drainTimeout, sessionLauncher, newSandbox);
    }
}
