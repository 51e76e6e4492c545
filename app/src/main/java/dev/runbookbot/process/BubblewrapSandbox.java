package dev.runbookbot.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code sandbox.mode: bubblewrap}: each step in fresh namespaces, seeing only what it needs.
 *
 * <ul>
 *   <li>The system directories, read-only: {@code /usr}, {@code /bin}, {@code /sbin}, {@code /lib*}, {@code /etc}
 *       (symbolic links such as {@code /bin -> usr/bin} are kept as links). Nothing else of the host exists inside:
 *       no home directories, no {@code /var}, no {@code /srv}, no bot working directory.
 *   <li>The bot's own files ({@link SandboxSettings#hidden()}) are covered even where they lie under {@code /etc}: a
 *       file by an empty one, a directory by an empty tmpfs.
 *   <li>A private {@code /tmp} and working directory {@value #SCRATCH} (tmpfs of {@link ResourceLimits#scratchBytes()}
 *       each), gone when the step ends; {@code HOME} and {@code TMPDIR} point there.
 *   <li>Its own PID, IPC, UTS and cgroup namespaces (it sees only its own processes, and the kernel removes them all
 *       when the step's first process ends); its own empty network namespace with {@code network: none}.
 *   <li>The limits as rlimits through {@code prlimit}: processes, address space, CPU time, file size, no core dumps.
 *       When the bot runs as root, {@code setpriv} runs the step as {@link SandboxSettings#stepUser()} with no
 *       capabilities and {@code no_new_privs}, since the kernel applies no process limit to root.
 *   <li>The directories of the steps' {@code PATH}, the program found on the host outside those directories, and the
 *       declared mounts, read-only at their path.
 * </ul>
 *
 * The environment passes through unchanged from the runner, which already limits it to what the step declares;
 * secrets therefore stay out of every argv.
 */
final class BubblewrapSandbox implements Sandbox {
    static final String SCRATCH = "/scratch";
    private static final List<Path> SYSTEM = List.of(
            Path.of("/usr"),
            Path.of("/bin"),
            Path.of("/sbin"),
            Path.of("/lib"),
            Path.of("/lib32"),
            Path.of("/lib64"),
            Path.of("/libx32"),
            Path.of("/etc"));

    private final SandboxSettings settings;
    private final boolean botIsRoot;
    private final List<Path> searchPath;
    private final Path emptyFile;

    /**
     * @param searchPath the steps' {@code PATH}: its directories outside the system view are shown read-only too, so a
     *     program a step's script calls by name is found as it is by the runner (unless such a directory holds or lies
     *     inside one of the bot's own files: then it stays hidden)
     */
    BubblewrapSandbox(SandboxSettings settings, boolean botIsRoot, String searchPath) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.botIsRoot = botIsRoot;
        this.searchPath = java.util.Arrays.stream(searchPath.split(":"))
                .filter(dir -> dir.startsWith("/"))
                .map(dir -> Path.of(dir).normalize())
                .distinct()
                .toList();
        this.emptyFile = emptyFile();
    }

    /**
     * An empty, read-only file to lay over each of the bot's files that lies under a directory the sandbox shows.
     * ({@code /dev/null} would not do: bubblewrap's read-only binds are {@code nodev}, so opening it fails with a
     * misleading "permission denied" instead of reading nothing.)
     */
    private static Path emptyFile() {
        try {
            Path file = Files.createTempFile("runbook-bot-sandbox-empty", "");
            file.toFile().deleteOnExit();
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
            return file;
        } catch (IOException | UnsupportedOperationException e) {
            return Path.of("/dev/null");
        }
    }

    @Override
    public boolean findsProgramOnHost() {
        return true;
    }

    @Override
    public SandboxedCommand wrap(String program, ProcessSpec spec, Collection<String> environmentNames)
            throws SandboxRefusal {
        SandboxRequest request = spec.sandbox();
        List<String> arguments = spec.argv().subList(1, spec.argv().size());
        NetworkAccess network = settings.network().narrowedBy(request.network().orElse(NetworkAccess.HOST));
        List<Path> mounts = DeclaredMounts.of(settings, request);
        ResourceLimits limits = settings.limits();

        List<String> argv = new ArrayList<>();
        argv.add(settings.prlimit().toString());
        argv.add("--nproc=" + processAllowance(limits));
        argv.add("--as=" + limits.memoryBytes());
        argv.add("--cpu=" + limits.cpuTime().toSeconds());
        argv.add("--fsize=" + limits.fileSizeBytes());
        argv.add("--core=0");
        argv.add("--");
        argv.add(settings.bubblewrap().toString());
        argv.addAll(List.of(
                "--die-with-parent",
                "--new-session",
                "--unshare-pid",
                "--unshare-ipc",
                "--unshare-uts",
                "--unshare-cgroup-try"));
        if (!botIsRoot) {
            argv.add("--unshare-user");
        }
        if (network == NetworkAccess.NONE) {
            argv.add("--unshare-net");
        }
        List<Path> shown = new ArrayList<>();
        for (Path dir : SYSTEM) {
            if (Files.isSymbolicLink(dir)) {
                argv.addAll(List.of("--symlink", readLink(dir), dir.toString()));
            } else if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                argv.addAll(List.of("--ro-bind", dir.toString(), dir.toString()));
                shown.add(dir);
            }
        }
        for (Path own : settings.hidden()) {
            Path real = DeclaredMounts.real(own.toAbsolutePath().normalize());
            if (shown.stream().anyMatch(real::startsWith) && Files.exists(real)) {
                if (Files.isDirectory(real)) {
                    argv.addAll(List.of("--tmpfs", real.toString(), "--remount-ro", real.toString()));
                } else {
                    argv.addAll(List.of("--ro-bind", emptyFile.toString(), real.toString()));
                }
            }
        }
        argv.addAll(List.of("--proc", "/proc", "--dev", "/dev"));
        argv.addAll(scratch("/tmp", limits));
        argv.addAll(scratch(SCRATCH, limits));
        for (Path dir : searchPath) {
            Path real = DeclaredMounts.real(dir);
            if (Files.isDirectory(real)
                    && shown.stream().noneMatch(real::startsWith)
                    && settings.hidden().stream()
                            .map(own -> DeclaredMounts.real(own.toAbsolutePath().normalize()))
                            .noneMatch(own -> own.startsWith(real) || real.startsWith(own))) {
                argv.addAll(readOnly(dir, shown));
            }
        }
        Path executable = DeclaredMounts.real(Path.of(program));
        if (executable.isAbsolute() && shown.stream().noneMatch(executable::startsWith)) {
            argv.addAll(readOnly(Path.of(program), shown));
        }
        for (Path mount : mounts) {
            argv.addAll(readOnly(mount, shown));
        }
        argv.addAll(List.of("--chdir", SCRATCH, "--"));
        if (botIsRoot) {
            String id = Integer.toString(settings.stepUser());
            argv.addAll(List.of(
                    settings.setpriv().toString(),
                    "--reuid=" + id,
                    "--regid=" + id,
                    "--clear-groups",
                    "--no-new-privs",
                    "--"));
        }
        argv.add(program);
        argv.addAll(arguments);

        StringBuilder description = new StringBuilder("bubblewrap, network ").append(network.setting());
        if (!mounts.isEmpty()) {
            description
                    .append(", mounts ")
                    .append(String.join(" ", mounts.stream().map(Path::toString).toList()));
        }
        return new SandboxedCommand(
                argv, Map.of("HOME", SCRATCH, "TMPDIR", "/tmp"), description.toString(), Optional.of(limits));
    }

    /**
     * Binds {@code path} read-only at the same place. Its parent directories are created traversable first (bubblewrap
     * would make them {@code 0700} root, which a step running as an unprivileged user could not pass).
     */
    private static List<String> readOnly(Path path, List<Path> shown) {
        List<String> options = new ArrayList<>();
        List<Path> parents = new ArrayList<>();
        for (Path parent = path.getParent(); parent != null && parent.getNameCount() > 0; parent = parent.getParent()) {
            Path dir = parent;
            boolean exists = shown.stream().anyMatch(dir::startsWith)
                    || dir.equals(Path.of("/tmp"))
                    || dir.equals(Path.of(SCRATCH));
            if (!exists) {
                parents.add(0, dir);
            }
        }
        for (Path dir : parents) {
            options.addAll(List.of("--perms", "0755", "--dir", dir.toString()));
        }
        options.addAll(List.of("--ro-bind", path.toString(), path.toString()));
        return options;
    }

    private static List<String> scratch(String path, ResourceLimits limits) {
        return List.of("--perms", "1777", "--size", Long.toString(limits.scratchBytes()), "--tmpfs", path);
    }

    /**
     * {@code RLIMIT_NPROC} counts every process and thread of the user. A step running as its own user gets the limit
     * as it is; a step running as the bot's user shares the count with the bot's own threads, so it gets those on top.
     */
    private int processAllowance(ResourceLimits limits) {
        return botIsRoot ? limits.processes() : limits.processes() + Math.max(0, ownThreads());
    }

    private static int ownThreads() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Threads:")) {
                    return Integer.parseInt(line.substring("Threads:".length()).trim());
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Thread.activeCount();
        }
        return Thread.activeCount();
    }

    private static String readLink(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            return link.toString();
        }
    }
}
