package dev.runbookbot.process;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The container mode: a step that names {@code sandbox: {image: …}} (or every step, with {@code sandbox.mode: podman}
 * and {@code sandbox.image}) runs in a rootless podman container of that digest-pinned image.
 *
 * <p>{@code podman run --rm} with a read-only root, {@code --network none} or {@code host} as declared, the same limits
 * as bubblewrap ({@code --pids-limit}, {@code --memory}, {@code --ulimit cpu/fsize/core}), private tmpfs {@code /tmp}
 * and working directory, no capabilities, {@code no-new-privileges}, user {@link SandboxSettings#stepUser()}, the
 * declared mounts read-only, and never a pull ({@code --pull=never}: images are pulled ahead, by digest). Environment
 * variables are passed by name ({@code --env NAME}), so podman copies their values from its own environment and no
 * value, secret or not, appears in argv. The container is named, and {@code --timeout} makes conmon stop it even if the
 * podman client is killed first.
 */
final class PodmanSandbox implements Sandbox {
    private final SandboxSettings settings;

    PodmanSandbox(SandboxSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public boolean findsProgramOnHost() {
        return false;
    }

    @Override
    public SandboxedCommand wrap(String program, ProcessSpec spec, Collection<String> environmentNames)
            throws SandboxRefusal {
        SandboxRequest request = spec.sandbox();
        List<String> arguments = spec.argv().subList(1, spec.argv().size());
        // the container's own deadline, a last resort behind the runner's kill of the podman client
        long timeoutSeconds = spec.timeout().toSeconds() + 5;
        String image = request.image()
                .or(settings::image)
                .orElseThrow(() -> new SandboxRefusal("sandbox.mode is podman, but neither the step (sandbox.image) nor"
                        + " the settings (sandbox.image) name an image"));
        NetworkAccess network = settings.network().narrowedBy(request.network().orElse(NetworkAccess.HOST));
        List<Path> mounts = DeclaredMounts.of(settings, request);
        ResourceLimits limits = settings.limits();
        String user = settings.stepUser() + ":" + settings.stepUser();
        List<String> argv = new ArrayList<>(List.of(
                settings.podman().toString(),
                "run",
                "--rm",
                "--pull=never",
                "--name=runbook-step-" + UUID.randomUUID(),
                "--read-only",
                "--network=" + network.setting(),
                "--pids-limit=" + limits.processes(),
                "--memory=" + limits.memoryBytes(),
                "--ulimit=cpu=" + limits.cpuTime().toSeconds() + ":"
                        + limits.cpuTime().toSeconds(),
                "--ulimit=fsize=" + limits.fileSizeBytes() + ":" + limits.fileSizeBytes(),
                "--ulimit=core=0:0",
                "--cap-drop=all",
                "--security-opt=no-new-privileges",
                "--user=" + user,
                "--tmpfs=/tmp:rw,size=" + limits.scratchBytes() + ",mode=1777",
                "--tmpfs=" + BubblewrapSandbox.SCRATCH + ":rw,size=" + limits.scratchBytes() + ",mode=1777",
                "--workdir=" + BubblewrapSandbox.SCRATCH,
                "--timeout=" + Math.max(1, timeoutSeconds)));
        for (Path mount : mounts) {
            argv.add("--volume=" + mount + ":" + mount + ":ro");
        }
        Map<String, String> own = Map.of("HOME", BubblewrapSandbox.SCRATCH, "TMPDIR", "/tmp");
        Set<String> names = new TreeSet<>(environmentNames);
        names.addAll(own.keySet());
        for (String name : names) {
            argv.add("--env=" + name);
        }
        argv.add(image);
        argv.add(program);
        argv.addAll(arguments);
        String description = "podman " + image + ", network " + network.setting()
                + (mounts.isEmpty()
                        ? ""
                        : ", mounts "
                                + String.join(
                                        " ", mounts.stream().map(Path::toString).toList()));
        return new SandboxedCommand(argv, own, description, Optional.of(limits));
    }
}
