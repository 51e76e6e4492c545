package dev.runbookbot.config;

import dev.runbookbot.secrets.MasterKey;
import dev.runbookbot.secrets.MasterKeys;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the secret store's master keys. The current key comes from {@code RUNBOOK_MASTER_KEY} (base64 of 32 bytes) or
 * from a key file named by {@code RUNBOOK_MASTER_KEY_FILE} / {@code secrets.masterKeyFile}; during a rotation the old
 * key comes from {@code RUNBOOK_MASTER_KEY_PREVIOUS} or {@code RUNBOOK_MASTER_KEY_PREVIOUS_FILE} / {@code
 * secrets.previousMasterKeyFile}. A key itself is never read from the configuration file, which tends to be committed.
 *
 * <p>A key file must be a regular file that only its owner can access (mode 600 or 400): one that group or others can
 * read or write is refused, as OpenSSH refuses such private keys. Errors name the variable or file, never key text.
 */
final class MasterKeyReader {
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_EXECUTE);
    private static final int MAX_FILE_BYTES = 1024;

    private MasterKeyReader() {}

    static MasterKeys read(SettingsSource s) {
        Optional<MasterKey> current = key(s, "RUNBOOK_MASTER_KEY", "secrets.masterKeyFile", "RUNBOOK_MASTER_KEY_FILE");
        Optional<MasterKey> previous = key(
                s, "RUNBOOK_MASTER_KEY_PREVIOUS", "secrets.previousMasterKeyFile", "RUNBOOK_MASTER_KEY_PREVIOUS_FILE");
        try {
            return new MasterKeys(current, previous);
        } catch (IllegalArgumentException e) {
            throw new SettingsException(e.getMessage(), e);
        }
    }

    private static Optional<MasterKey> key(SettingsSource s, String keyVar, String fileKey, String fileVar) {
        Optional<String> text = s.env(keyVar);
        Optional<Path> file = s.path(fileKey, fileVar);
        if (text.isPresent() && file.isPresent()) {
            throw new SettingsException(
                    "both " + keyVar + " and " + s.where(fileKey, fileVar) + " are set; set only one of them");
        }
        try {
            if (text.isPresent()) {
                return Optional.of(MasterKey.parse(text.get(), keyVar));
            }
            if (file.isPresent()) {
                return Optional.of(MasterKey.parse(readKeyFile(file.get(), fileVar), "key file " + file.get()));
            }
        } catch (IllegalArgumentException e) {
            throw new SettingsException(e.getMessage(), e);
        }
        return Optional.empty();
    }

    private static String readKeyFile(Path file, String fileVar) {
        if (!Files.isRegularFile(file)) {
            throw new SettingsException("key file " + file + " (" + fileVar + ") does not exist or is not a file");
        }
        try {
            // Links are followed: what matters is who can read the key, wherever it lives (Kubernetes mounts
            // secrets through symbolic links; give them defaultMode 0400).
            PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
            if (posix != null) {
                Set<PosixFilePermission> permissions = posix.readAttributes().permissions();
                if (permissions.stream().anyMatch(GROUP_OR_OTHERS::contains)) {
                    throw new SettingsException("key file " + file + " (" + fileVar + ") can be accessed by group or"
                            + " others (" + PosixFilePermissions.toString(permissions) + "); only its owner may read"
                            + " it: chmod 600 " + file);
                }
            }
            try (InputStream in = Files.newInputStream(file)) {
                byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
                if (bytes.length > MAX_FILE_BYTES) {
                    throw new SettingsException("key file " + file + " (" + fileVar
                            + ") is larger than a key; it must hold base64 of 32 bytes (openssl rand -base64 32)");
                }
                return new String(bytes, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new SettingsException("cannot read key file " + file + " (" + fileVar + "): " + e, e);
        }
    }
}
