package dev.runbookbot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No hand-written main source file is over {@value #MAX_LINES} lines (house style: one idea per file). A file that
 * grows past it holds more than one idea: split it by idea, not by line count. Generated code (under {@code target/},
 * or marked {@code @Generated}) is not counted.
 */
class MainFilesStayShortTest {
    static final int MAX_LINES = 350;
    private static final Path MAIN = Path.of(System.getProperty("runbookbot.mainSources", "src/main/java"));

    @Test
    void noMainFileIsOverTheLimit() throws IOException {
        List<Path> sources = javaFiles();
        assertTrue(
                sources.size() > 100,
                "expected the main sources under " + MAIN.toAbsolutePath() + ", found " + sources.size());
        List<String> tooLong = sources.stream()
                .filter(file -> !generated(file))
                .filter(file -> lines(file) > MAX_LINES)
                .map(file -> MAIN.relativize(file) + " (" + lines(file) + " lines)")
                .sorted()
                .toList();
        assertEquals(List.of(), tooLong, "main files over " + MAX_LINES + " lines; split them by idea");
    }

    private static List<Path> javaFiles() throws IOException {
        try (Stream<Path> walk = Files.walk(MAIN)) {
            return walk.filter(file -> file.toString().endsWith(".java")).toList();
        }
    }

    private static boolean generated(Path file) {
        try {
            return Files.readString(file).contains("@Generated")
                    || file.toString().contains("/generated");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long lines(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
