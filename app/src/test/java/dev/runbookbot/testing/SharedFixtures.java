package dev.runbookbot.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The recorded payloads in {@code shared/fixtures/} (real server answers with their sources, see its README). The
 * directory is found from the system property {@code runbookbot.fixtures}, or as {@code shared/fixtures} beside the
 * working directory or one of its parents (the repository's checkout has {@code shared/} next to it). A missing
 * directory fails the test: these tests must never pass by reading nothing.
 */
public final class SharedFixtures {
    private SharedFixtures() {}

    public static Path root() {
        String configured = System.getProperty("runbookbot.fixtures");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("fixtures");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared/fixtures not found beside "
                + Path.of("").toAbsolutePath() + " or its parents; set -Drunbookbot.fixtures=/path/to/shared/fixtures");
    }

    /** Every regular file in {@code shared/fixtures/<dir>}, sorted by name. */
    public static List<Path> files(String dir) {
        try (Stream<Path> files = Files.list(root().resolve(dir))) {
            return files.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
