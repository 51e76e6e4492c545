package dev.runbookbot.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The recorded payloads in {@code app/src/test/resources/fixtures/}: real server answers and payloads written by
 * others, each with its source in the README beside them. They are read from the test class path, so a clone of the
 * repository needs nothing beside it. A missing directory fails the test: these tests must never pass by reading
 * nothing.
 */
public final class RecordedFixtures {
    private RecordedFixtures() {}

    public static Path root() {
        URL url = RecordedFixtures.class.getResource("/fixtures/README.md");
        if (url == null) {
            throw new IllegalStateException("fixtures/README.md is not on the test class path");
        }
        try {
            return Path.of(url.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("fixtures directory " + url + " is not a file path", e);
        }
    }

    /** Every regular file in {@code fixtures/<dir>}, sorted by name. */
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
