package dev.runbookbot.secrets;

import java.util.Objects;

/**
 * A secret value as {@link SecretBox} seals it for storage: the base64 envelope ({@code text}) and the id of the key
 * that sealed it, also written inside the envelope. Holds no plaintext, so it may be stored and printed.
 */
public record SealedValue(String keyId, String text) {
    public SealedValue {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(text, "text");
    }
}
