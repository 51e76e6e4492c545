package dev.runbookbot.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The read-only mounts of one step: the catalog's and the step's, each checked against the bot's own files. */
final class DeclaredMounts {
    private DeclaredMounts() {}

    /**
     * The mounts to give a step, in order, without duplicates.
     *
     * @throws SandboxRefusal when a mount does not exist, or is, holds or lies inside one of the bot's own files
     */
    static List<Path> of(SandboxSettings settings, SandboxRequest request) throws SandboxRefusal {
        Set<Path> mounts = new LinkedHashSet<>(settings.mounts());
        mounts.addAll(request.mounts());
        List<Path> checked = new ArrayList<>();
        for (Path mount : mounts) {
            Path normal = mount.toAbsolutePath().normalize();
            if (!Files.exists(normal)) {
                throw new SandboxRefusal("the mount " + normal + " does not exist on the bot's host");
            }
            Path real = real(normal);
            for (Path hidden : settings.hidden()) {
                Path own = real(hidden.toAbsolutePath().normalize());
                if (real.startsWith(own) || own.startsWith(real)) {
                    throw new SandboxRefusal("the mount " + normal + " would show the step the bot's own " + own
                            + "; steps never see the bot's database, keys or configuration");
                }
            }
            checked.add(normal);
        }
        return checked;
    }

    /** The path with symbolic links resolved, so a link cannot smuggle the bot's files into a mount. */
    static Path real(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path;
        }
    }
}
