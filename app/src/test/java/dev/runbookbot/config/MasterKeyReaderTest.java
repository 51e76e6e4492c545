package dev.runbookbot.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.runbookbot.secrets.MasterKeys;
import dev.runbookbot.testing.TestKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Master keys from the environment or an owner-only key file, with errors that name the setting and never the key. */
class MasterKeyReaderTest {
    @TempDir
    Path directory;

    private static MasterKeys read(Map<String, String> env) {
        return MasterKeyReader.read(SettingsSource.of(env));
    }

    private Path keyFile(String name, String content, String mode) throws IOException {
        Path file = directory.resolve(name);
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    @Test
    void noKeyIsFine() {
        assertEquals(MasterKeys.none(), read(Map.of()));
        assertEquals(
                MasterKeys.none(), Settings.from(SettingsSource.of(Map.of())).masterKeys());
    }

    @Test
    void keysFromTheEnvironment() {
        MasterKeys keys =
                read(Map.of("RUNBOOK_MASTER_KEY", TestKeys.B_BASE64, "RUNBOOK_MASTER_KEY_PREVIOUS", TestKeys.A_BASE64));
        assertEquals(MasterKeys.rotating(TestKeys.b(), TestKeys.a()), keys);
        assertEquals(
                keys,
                Settings.from(SettingsSource.of(Map.of(
                                "RUNBOOK_MASTER_KEY", TestKeys.B_BASE64,
                                "RUNBOOK_MASTER_KEY_PREVIOUS", TestKeys.A_BASE64)))
                        .masterKeys());
    }

    @Test
    void keysFromOwnerOnlyFiles() throws IOException {
        Path current = keyFile("current.key", TestKeys.A_BASE64 + "\n", "rw-------");
        Path previous = keyFile("previous.key", TestKeys.C_BASE64 + "\n", "r--------");
        MasterKeys keys = read(Map.of(
                "RUNBOOK_MASTER_KEY_FILE", current.toString(),
                "RUNBOOK_MASTER_KEY_PREVIOUS_FILE", previous.toString()));
        assertEquals(MasterKeys.rotating(TestKeys.a(), TestKeys.c()), keys);
    }

    @Test
    void aKeyFileOthersCanReadIsRefused() throws IOException {
        Path shared = keyFile("shared.key", TestKeys.A_BASE64, "rw-r--r--");
        SettingsException e =
                assertThrows(SettingsException.class, () -> read(Map.of("RUNBOOK_MASTER_KEY_FILE", shared.toString())));
        assertEquals(
                "key file " + shared + " (RUNBOOK_MASTER_KEY_FILE) can be accessed by group or others (rw-r--r--);"
                        + " only its owner may read it: chmod 600 " + shared,
                e.getMessage());
        Path groupWritable = keyFile("group.key", TestKeys.A_BASE64, "rw--w----");
        assertThrows(
                SettingsException.class,
                () -> read(Map.of("RUNBOOK_MASTER_KEY_PREVIOUS_FILE", groupWritable.toString())));
    }

    @Test
    void aMalformedKeyIsNamedButNotQuoted() throws IOException {
        String seventeen = "AAAAAAAAAAAAAAAAAAAAAAA=";
        SettingsException env =
                assertThrows(SettingsException.class, () -> read(Map.of("RUNBOOK_MASTER_KEY", seventeen)));
        assertEquals(
                "RUNBOOK_MASTER_KEY must be base64 of 32 bytes (openssl rand -base64 32); got 17 bytes",
                env.getMessage());
        Path file = keyFile("bad.key", "correct horse battery staple\n", "rw-------");
        SettingsException fromFile =
                assertThrows(SettingsException.class, () -> read(Map.of("RUNBOOK_MASTER_KEY_FILE", file.toString())));
        assertEquals(
                "key file " + file + " must be base64 of 32 bytes (openssl rand -base64 32); it is not base64",
                fromFile.getMessage());
        assertFalse(fromFile.getMessage().contains("horse"));
    }

    @Test
    void conflictingOrIncompleteSettingsAreRefused() throws IOException {
        Path file = keyFile("k.key", TestKeys.A_BASE64, "rw-------");
        SettingsException both = assertThrows(
                SettingsException.class,
                () -> read(
                        Map.of("RUNBOOK_MASTER_KEY", TestKeys.B_BASE64, "RUNBOOK_MASTER_KEY_FILE", file.toString())));
        assertEquals(
                "both RUNBOOK_MASTER_KEY and setting 'secrets.masterKeyFile' (or env RUNBOOK_MASTER_KEY_FILE) are set;"
                        + " set only one of them",
                both.getMessage());
        SettingsException onlyPrevious = assertThrows(
                SettingsException.class, () -> read(Map.of("RUNBOOK_MASTER_KEY_PREVIOUS", TestKeys.A_BASE64)));
        assertEquals(
                "RUNBOOK_MASTER_KEY_PREVIOUS (" + TestKeys.A_ID + ") is set but RUNBOOK_MASTER_KEY is not: the previous"
                        + " key only decrypts; set the new key as RUNBOOK_MASTER_KEY",
                onlyPrevious.getMessage());
        Path missing = directory.resolve("missing.key");
        SettingsException absent = assertThrows(
                SettingsException.class, () -> read(Map.of("RUNBOOK_MASTER_KEY_FILE", missing.toString())));
        assertEquals(
                "key file " + missing + " (RUNBOOK_MASTER_KEY_FILE) does not exist or is not a file",
                absent.getMessage());
        Path big = keyFile("big.key", "A".repeat(2000), "rw-------");
        SettingsException tooBig =
                assertThrows(SettingsException.class, () -> read(Map.of("RUNBOOK_MASTER_KEY_FILE", big.toString())));
        assertEquals(
                "key file " + big + " (RUNBOOK_MASTER_KEY_FILE) is larger than a key; it must hold base64 of 32 bytes"
                        + " (openssl rand -base64 32)",
                tooBig.getMessage());
        assertEquals(Optional.empty(), read(Map.of("RUNBOOK_MASTER_KEY", "  ")).current());
    }
}
