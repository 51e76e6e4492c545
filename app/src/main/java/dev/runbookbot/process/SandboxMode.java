package dev.runbookbot.process;

import java.util.Locale;
import java.util.Optional;

/** How the processes of runbook steps are isolated from the bot and its host ({@code sandbox.mode}). */
public enum SandboxMode {
    /** bubblewrap: namespaces, a read-only system view, private scratch space; the default where installed. */
    BUBBLEWRAP,
    /** podman: every step in a rootless container of a digest-pinned image. */
    PODMAN,
    /** no isolation: steps run on the host as the bot's user (a loud warning at start). */
    NONE;

    /** The setting's spelling: {@code bubblewrap}, {@code podman}, {@code none}. */
    public String setting() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<SandboxMode> parse(String text) {
        for (SandboxMode mode : values()) {
            if (mode.setting().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }
}
