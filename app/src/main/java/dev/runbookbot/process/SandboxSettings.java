package dev.runbookbot.process;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How every process a runbook starts is isolated, built once from configuration ({@code sandbox.*}).
 *
 * @param mode bubblewrap, podman or none
 * @param limits what one step may consume
 * @param network the catalog's network: {@link NetworkAccess#NONE} here holds for every step, whatever the step says
 * @param mounts files and directories every step sees read-only at the same path ({@code sandbox.mounts})
 * @param hidden the bot's own files (database, key files, configuration, runbooks): never visible to a step, even
 *     where they lie under a system directory the sandbox shows, and never mountable
 * @param bubblewrap the {@code bwrap} binary
 * @param prlimit the util-linux {@code prlimit} binary that sets the limits on the sandbox
 * @param setpriv the util-linux {@code setpriv} binary: when the bot runs as root, a step runs as {@code stepUser}
 *     instead (the kernel enforces no process limit on root, and root could read any file the sandbox shows)
 * @param stepUser the uid and gid a step runs as when the bot runs as root
 * @param podman the {@code podman} binary, for {@link SandboxMode#PODMAN} and for steps that name an image
 * @param image the digest-pinned image of steps that name none, in {@link SandboxMode#PODMAN}
 */
public record SandboxSettings(
        SandboxMode mode,
        ResourceLimits limits,
        NetworkAccess network,
        List<Path> mounts,
        List<Path> hidden,
        Path bubblewrap,
        Path prlimit,
        Path setpriv,
        int stepUser,
        Path podman,
        Optional<String> image) {

    public static final Path DEFAULT_BUBBLEWRAP = Path.of("/usr/bin/bwrap");
    public static final Path DEFAULT_PRLIMIT = Path.of("/usr/bin/prlimit");
    public static final Path DEFAULT_SETPRIV = Path.of("/usr/bin/setpriv");
    public static final Path DEFAULT_PODMAN = Path.of("/usr/bin/podman");

    /** The uid and gid of {@code nobody} on Debian. */
    public static final int NOBODY = 65534;

    public SandboxSettings {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(network, "network");
        mounts = List.copyOf(mounts);
        hidden = List.copyOf(hidden);
        Objects.requireNonNull(image, "image");
        for (Path mount : mounts) {
            if (!mount.isAbsolute()) {
                throw new IllegalArgumentException("sandbox mount " + mount + " must be an absolute path");
            }
        }
        if (image.isPresent()
                && !SandboxRequest.PINNED_IMAGE.matcher(image.get()).matches()) {
            throw new IllegalArgumentException(
                    "sandbox image " + image.get() + " must be pinned by digest (name@sha256:<64 hex digits>)");
        }
        if (stepUser < 1) {
            throw new IllegalArgumentException("the step user must not be root, was " + stepUser);
        }
    }

    /** No sandbox: what unit tests of the runner get through {@link ProcessRunnerSettings#defaults}. */
    public static SandboxSettings none() {
        return of(SandboxMode.NONE, List.of());
    }

    /** {@code mode} with the default binaries, limits and host network, hiding {@code hidden}. */
    public static SandboxSettings of(SandboxMode mode, List<Path> hidden) {
        return new SandboxSettings(
                mode,
                ResourceLimits.defaults(),
                NetworkAccess.HOST,
                List.of(),
                hidden,
                DEFAULT_BUBBLEWRAP,
                DEFAULT_PRLIMIT,
                DEFAULT_SETPRIV,
                NOBODY,
                DEFAULT_PODMAN,
                Optional.empty());
    }

    public SandboxSettings withLimits(ResourceLimits newLimits) {
        return new SandboxSettings(
                mode, newLimits, network, mounts, hidden, bubblewrap, prlimit, setpriv, stepUser, podman, image);
    }

    public SandboxSettings withNetwork(NetworkAccess newNetwork) {
        return new SandboxSettings(
                mode, limits, newNetwork, mounts, hidden, bubblewrap, prlimit, setpriv, stepUser, podman, image);
    }

    public SandboxSettings withMounts(List<Path> newMounts) {
        return new SandboxSettings(
                mode, limits, network, newMounts, hidden, bubblewrap, prlimit, setpriv, stepUser, podman, image);
    }

    public SandboxSettings withImage(Optional<String> newImage) {
        return new SandboxSettings(
                mode, limits, network, mounts, hidden, bubblewrap, prlimit, setpriv, stepUser, podman, newImage);
    }
}
