package dev.runbookbot.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The leak scanner finds what it claims to find, and its failure message never contains the value. */
class SecretLeaksTest {
    private static final String VALUE = "s3cr3t-p@ss+++w0rd";

    @TempDir
    Path directory;

    private Path write(String name, byte[] content) throws IOException {
        Path file = directory.resolve(name);
        Files.write(file, content);
        return file;
    }

    private static byte[] around(byte[] middle) {
        byte[] before = "header ".getBytes(StandardCharsets.US_ASCII);
        byte[] after = " trailer".getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[before.length + middle.length + after.length];
        System.arraycopy(before, 0, all, 0, before.length);
        System.arraycopy(middle, 0, all, before.length, middle.length);
        System.arraycopy(after, 0, all, before.length + middle.length, after.length);
        return all;
    }

    @Test
    void findsUtf8AndUtf16InFilesAndNamesWhereButNotWhat() throws IOException {
        Path utf8 = write("a.db", around(VALUE.getBytes(StandardCharsets.UTF_8)));
        AssertionError e =
                assertThrows(AssertionError.class, () -> SecretLeaks.assertNoSecretLeaks(List.of(VALUE), utf8));
        assertEquals(
                "1 leak(s) of 1 secret values:\n  secret value #1 (18 chars) found as UTF-8 in " + utf8 + " at byte 7",
                e.getMessage());
        assertFalse(e.getMessage().contains(VALUE));

        Path le = write("b.db-wal", around(VALUE.getBytes(StandardCharsets.UTF_16LE)));
        Path be = write("c.db-shm", around(VALUE.getBytes(StandardCharsets.UTF_16BE)));
        AssertionError both =
                assertThrows(AssertionError.class, () -> SecretLeaks.assertNoSecretLeaks(List.of(VALUE), le, be));
        assertTrue(both.getMessage().contains("found as UTF-16LE in " + le), both.getMessage());
        assertTrue(both.getMessage().contains("found as UTF-16BE in " + be), both.getMessage());
    }

    @Test
    void findsBase64AtEveryAlignmentInsideLongerBase64() throws IOException {
        for (int prefix = 0; prefix < 3; prefix++) {
            byte[] raw = ("xy".substring(0, prefix) + VALUE + "tail").getBytes(StandardCharsets.UTF_8);
            Path file = write("b64-" + prefix + ".txt", Base64.getEncoder().encode(raw));
            AssertionError e =
                    assertThrows(AssertionError.class, () -> SecretLeaks.assertNoSecretLeaks(List.of(VALUE), file));
            assertTrue(e.getMessage().contains("base64 (alignment " + prefix + ")"), e.getMessage());
        }
    }

    @Test
    void walksDirectoriesAndChecksTexts() throws IOException {
        Files.createDirectories(directory.resolve("logs/old"));
        Path deep = write("logs/old/bot.log", around(VALUE.getBytes(StandardCharsets.UTF_8)));
        AssertionError e =
                assertThrows(AssertionError.class, () -> SecretLeaks.assertNoSecretLeaks(List.of(VALUE), directory));
        assertTrue(e.getMessage().contains(deep.toString()), e.getMessage());

        AssertionError inText = assertThrows(
                AssertionError.class,
                () -> SecretLeaks.assertNoSecretLeaks(List.of("other-value", VALUE), "clean", "x " + VALUE));
        assertEquals(
                "1 leak(s) of 2 secret values:\n  secret value #2 (18 chars) found as UTF-8 in text #2 at byte 2",
                inText.getMessage());
    }

    @Test
    void passesWhenTheValueIsAbsentOrOnlyMasked() throws IOException {
        Path clean = write("clean.db", around("<secret:db-password>".getBytes(StandardCharsets.UTF_8)));
        SecretLeaks.assertNoSecretLeaks(List.of(VALUE), clean, directory.resolve("missing-wal"));
        SecretLeaks.assertNoSecretLeaks(List.of(VALUE), "token=<secret:db-password>");
        assertThrows(IllegalArgumentException.class, () -> SecretLeaks.assertNoSecretLeaks(List.of(""), "text"));
    }

    @Test
    void findsRawBytes() throws IOException {
        byte[] key = new byte[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (200 + i);
        }
        Path file = write("key.bin", around(key));
        AssertionError e =
                assertThrows(AssertionError.class, () -> SecretLeaks.assertBytesAbsent("the master key", key, file));
        assertEquals("the master key found in " + file + " at byte 7", e.getMessage());
    }
}
