package dev.runbookbot.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/**
 * Asserts that secret values appear nowhere they must not: in the raw bytes of files (the SQLite {@code .db}, {@code
 * -wal} and {@code -shm}, log files, whole directories) or in captured text (log output, CLI output, chat messages).
 * Rundeck CVE-2022-31044 wrote Key Storage values in plaintext for years; this is the check that would have caught it.
 *
 * <p>Each value is looked for as UTF-8, as UTF-16 (both byte orders, how a JVM heap dump or a Java serialised string
 * holds it) and as base64 of its UTF-8 bytes at each of the three alignments it can have inside a longer base64 text
 * (only the characters that depend on the value alone, when there are at least 8 of them). A failure names the
 * value by its position in the collection and its length, the encoding, the file and the byte offset, never the value
 * itself: test reports are logs too.
 */
public final class SecretLeaks {
    private static final int MIN_BASE64_NEEDLE = 8;

    private SecretLeaks() {}

    /** Fails when any value occurs in any of the files, or any file below the directories, given. */
    public static void assertNoSecretLeaks(Collection<String> secretValues, Path... filesOrDirs) {
        List<Path> files = new ArrayList<>();
        for (Path p : filesOrDirs) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(Files::isRegularFile).sorted().forEach(files::add);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list " + p, e);
                }
            } else if (Files.isRegularFile(p)) {
                files.add(p);
            }
        }
        List<String> found = new ArrayList<>();
        for (Path file : files) {
            byte[] content;
            try {
                content = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
            found.addAll(search(secretValues, content, file.toString()));
        }
        fail(found, secretValues);
    }

    /** Fails when any value occurs in any of the texts (log output, CLI output, rendered messages). */
    public static void assertNoSecretLeaks(Collection<String> secretValues, String... texts) {
        List<String> found = new ArrayList<>();
        for (int i = 0; i < texts.length; i++) {
            found.addAll(search(secretValues, texts[i].getBytes(StandardCharsets.UTF_8), "text #" + (i + 1)));
        }
        fail(found, secretValues);
    }

    /** Fails when these bytes (a raw master key) occur in any of the files given. */
    public static void assertBytesAbsent(String what, byte[] needle, Path... files) {
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                continue;
            }
            try {
                int at = indexOf(Files.readAllBytes(file), needle);
                if (at >= 0) {
                    throw new AssertionError(what + " found in " + file + " at byte " + at);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
    }

    private static List<String> search(Collection<String> values, byte[] haystack, String where) {
        List<String> found = new ArrayList<>();
        int index = 0;
        for (String value : values) {
            index++;
            if (value.isEmpty()) {
                throw new IllegalArgumentException("secret value #" + index + " is empty; it would match everywhere");
            }
            for (Needle needle : needles(value)) {
                int at = indexOf(haystack, needle.bytes());
                if (at >= 0) {
                    found.add("secret value #" + index + " (" + value.length() + " chars) found as " + needle.encoding()
                            + " in " + where + " at byte " + at);
                }
            }
        }
        return found;
    }

    private record Needle(String encoding, byte[] bytes) {}

    private static List<Needle> needles(String value) {
        List<Needle> needles = new ArrayList<>();
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        needles.add(new Needle("UTF-8", utf8));
        needles.add(new Needle("UTF-16LE", value.getBytes(StandardCharsets.UTF_16LE)));
        needles.add(new Needle("UTF-16BE", value.getBytes(StandardCharsets.UTF_16BE)));
        for (int shift = 0; shift < 3; shift++) {
            byte[] shifted = new byte[shift + utf8.length];
            System.arraycopy(utf8, 0, shifted, shift, utf8.length);
            String encoded = Base64.getEncoder().encodeToString(shifted);
            int from = shift == 0 ? 0 : 4; // the first group mixes in bytes that are not the value's
            int to = (shifted.length / 3) * 4; // a last partial group depends on what follows
            if (to - from >= MIN_BASE64_NEEDLE) {
                needles.add(new Needle(
                        "base64 (alignment " + shift + ")",
                        encoded.substring(from, to).getBytes(StandardCharsets.US_ASCII)));
            }
        }
        return needles;
    }

    private static void fail(List<String> found, Collection<String> values) {
        if (!found.isEmpty()) {
            throw new AssertionError(
                    found.size() + " leak(s) of " + values.size() + " secret values:\n  " + String.join("\n  ", found));
        }
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
