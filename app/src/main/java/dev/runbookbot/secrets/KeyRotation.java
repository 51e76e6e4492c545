package dev.runbookbot.secrets;

import java.util.Objects;

/**
 * The result of {@link SecretStore#rotateKey()}: how many secrets were re-encrypted under the key {@code keyId}, and
 * how many already were under it and were left as they are.
 */
public record KeyRotation(String keyId, int reencrypted, int alreadyCurrent) {
    public KeyRotation {
        Objects.requireNonNull(keyId, "keyId");
        if (reencrypted < 0 || alreadyCurrent < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
    }
}
