package dev.runbookbot.config;

import dev.runbookbot.process.NetworkAccess;
import dev.runbookbot.process.ResourceLimits;
import dev.runbookbot.process.SandboxMode;
import dev.runbookbot.process.SandboxProbe;
import dev.runbookbot.process.SandboxSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code sandbox.*} settings: which sandbox isolates runbook steps, its limits, network and mounts, and the bot's
 * own files a step must never see. The chosen mode is tried once ({@link #tried}: a run of {@code true}), so an
 * unusable sandbox is a start-up error that says how to fix it, not a failed diagnostic during an incident. Without
 * {@code sandbox.mode} the bot uses bubblewrap where it works and otherwise runs steps on the host, with a loud
 * warning.
 */
final class SandboxSettingsReader {
    private static final Pattern SIZE = Pattern.compile("([0-9]+)\\s*([KMG]i?B?)?", Pattern.CASE_INSENSITIVE);
    private static final String INSTALL =
            "install bubblewrap and util-linux (Debian/Ubuntu: apt-get install bubblewrap util-linux; Fedora: dnf"
                    + " install bubblewrap util-linux), and allow unprivileged user namespaces when the bot does not"
                    + " run as root";

    private SandboxSettingsReader() {}

    /**
     * The sandbox as configured, not tried yet: an unknown mode or a podman mode without an image is an error here;
     * whether the mode works on this machine is {@link #tried}'s question.
     */
    static SandboxSettings read(SettingsSource s, List<Path> botFiles) {
        Optional<String> chosen = s.string("sandbox.mode", "RUNBOOK_SANDBOX_MODE");
        SandboxMode mode = chosen.map(text -> SandboxMode.parse(text)
                        .orElseThrow(() -> new SettingsException(s.where("sandbox.mode", "RUNBOOK_SANDBOX_MODE")
                                + " must be bubblewrap, podman or none, was '" + text + "'")))
                .orElse(SandboxMode.BUBBLEWRAP);
        SandboxSettings settings = construct(() -> new SandboxSettings(
                mode,
                limits(s),
                network(s),
                mounts(s),
                botFiles,
                s.path("sandbox.bubblewrap", "RUNBOOK_SANDBOX_BUBBLEWRAP").orElse(SandboxSettings.DEFAULT_BUBBLEWRAP),
                s.path("sandbox.prlimit", "RUNBOOK_SANDBOX_PRLIMIT").orElse(SandboxSettings.DEFAULT_PRLIMIT),
                s.path("sandbox.setpriv", "RUNBOOK_SANDBOX_SETPRIV").orElse(SandboxSettings.DEFAULT_SETPRIV),
                s.integer("sandbox.user", "RUNBOOK_SANDBOX_USER", SandboxSettings.NOBODY),
                s.path("sandbox.podman", "RUNBOOK_SANDBOX_PODMAN").orElse(SandboxSettings.DEFAULT_PODMAN),
                s.string("sandbox.image", "RUNBOOK_SANDBOX_IMAGE")));
        if (mode == SandboxMode.PODMAN && settings.image().isEmpty()) {
            throw new SettingsException(s.where("sandbox.mode", "RUNBOOK_SANDBOX_MODE") + " is podman, so "
                    + s.where("sandbox.image", "RUNBOOK_SANDBOX_IMAGE")
                    + " must name the image of steps that name none, pinned by digest (name@sha256:...)");
        }
        return settings;
    }

    /**
     * The configured sandbox once tried (a run of {@code true} in it): as configured when it works; without a chosen
     * mode, no sandbox with a loud warning when bubblewrap does not work; with a chosen mode that does not work, a
     * {@link SettingsException} that says how to fix it. No sandbox at all is said loudly too.
     */
    static SandboxSettings tried(SettingsSource s, SandboxSettings settings) {
        SandboxMode mode = settings.mode();
        if (mode == SandboxMode.NONE) {
            log().warn(noSandbox("sandbox.mode is none"));
            return settings;
        }
        Optional<String> problem = SandboxProbe.problem(settings);
        if (problem.isEmpty()) {
            return settings;
        }
        if (s.string("sandbox.mode", "RUNBOOK_SANDBOX_MODE").isEmpty()) {
            log().warn(noSandbox("bubblewrap does not work here (" + problem.get() + "); " + INSTALL));
            return new SandboxSettings(
                    SandboxMode.NONE,
                    settings.limits(),
                    settings.network(),
                    settings.mounts(),
                    settings.hidden(),
                    settings.bubblewrap(),
                    settings.prlimit(),
                    settings.setpriv(),
                    settings.stepUser(),
                    settings.podman(),
                    settings.image());
        }
        String how = mode == SandboxMode.PODMAN
                ? "install podman (apt-get install podman), pull the image ahead (podman pull "
                        + settings.image().get() + ") and check that rootless containers run here"
                : INSTALL;
        throw new SettingsException(s.where("sandbox.mode", "RUNBOOK_SANDBOX_MODE") + " is " + mode.setting()
                + ", but it does not work on this machine: " + problem.get() + "; " + how
                + " (or set sandbox.mode: none to run steps unisolated)");
    }

    /** Asked for only when there is something to say: lint, which says nothing here, starts no logging. */
    private static Logger log() {
        return LoggerFactory.getLogger(SandboxSettingsReader.class);
    }

    private static String noSandbox(String why) {
        return "NO SANDBOX: " + why + ". Runbook steps (shell_command, run_script) run on this host as the bot's user,"
                + " and can read the bot's database, key files and configuration, write wherever the bot can and fork"
                + " without limit.";
    }

    private static ResourceLimits limits(SettingsSource s) {
        ResourceLimits defaults = ResourceLimits.defaults();
        return new ResourceLimits(
                s.integer("sandbox.limits.processes", "RUNBOOK_SANDBOX_MAX_PROCESSES", defaults.processes()),
                size(s, "sandbox.limits.memory", "RUNBOOK_SANDBOX_MAX_MEMORY", defaults.memoryBytes()),
                s.duration("sandbox.limits.cpuTime", "RUNBOOK_SANDBOX_MAX_CPU_TIME", defaults.cpuTime()),
                size(s, "sandbox.limits.fileSize", "RUNBOOK_SANDBOX_MAX_FILE_SIZE", defaults.fileSizeBytes()),
                size(s, "sandbox.limits.scratch", "RUNBOOK_SANDBOX_SCRATCH", defaults.scratchBytes()));
    }

    private static NetworkAccess network(SettingsSource s) {
        String text = s.string("sandbox.network", "RUNBOOK_SANDBOX_NETWORK", "host");
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "host" -> NetworkAccess.HOST;
            case "none" -> NetworkAccess.NONE;
            default ->
                throw new SettingsException(s.where("sandbox.network", "RUNBOOK_SANDBOX_NETWORK")
                        + " must be host or none, was '" + text + "'");
        };
    }

    private static List<Path> mounts(SettingsSource s) {
        List<Path> mounts = new ArrayList<>();
        for (String text : s.list("sandbox.mounts", "RUNBOOK_SANDBOX_MOUNTS")) {
            Path mount = Path.of(text);
            if (!mount.isAbsolute() || !Files.exists(mount)) {
                throw new SettingsException(s.where("sandbox.mounts", "RUNBOOK_SANDBOX_MOUNTS") + ": '" + text
                        + "' must be an absolute path that exists; steps see it read-only at the same path");
            }
            mounts.add(mount.normalize());
        }
        return mounts;
    }

    /** A size in bytes: {@code 512M}, {@code 4GiB}, {@code 1048576}. */
    private static long size(SettingsSource s, String key, String envVar, long fallback) {
        Optional<String> text = s.string(key, envVar);
        if (text.isEmpty()) {
            return fallback;
        }
        Matcher m = SIZE.matcher(text.get().trim());
        if (!m.matches()) {
            throw new SettingsException(
                    s.where(key, envVar) + " must be a size such as 512M or 4G, was '" + text.get() + "'");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "" : m.group(2).substring(0, 1).toUpperCase(Locale.ROOT);
        return switch (unit) {
            case "K" -> n << 10;
            case "M" -> n << 20;
            case "G" -> n << 30;
            default -> n;
        };
    }

    private static SandboxSettings construct(java.util.function.Supplier<SandboxSettings> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw new SettingsException("sandbox: " + e.getMessage(), e);
        }
    }
}
