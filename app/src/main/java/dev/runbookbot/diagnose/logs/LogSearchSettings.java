package dev.runbookbot.diagnose.logs;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Bot-wide settings for {@code log_search}: the Loki to ask (steps with {@code source: loki} and no {@code url} need
 * one) and where the {@code journalctl} binary is (for {@code source: journald}).
 */
public record LogSearchSettings(Optional<LokiSettings> loki, Path journalctl) {
    public static final Path DEFAULT_JOURNALCTL = Path.of("/usr/bin/journalctl");

    /** No Loki; journalctl at its Debian path. */
    public static LogSearchSettings defaults() {
        return new LogSearchSettings(Optional.empty(), DEFAULT_JOURNALCTL);
    }
}
