package dev.runbookbot.secrets;

import java.time.Instant;
import java.util.Objects;

/**
 * What may be shown about a stored secret: its name, the id of the key it is encrypted with, and when and by whom it
 * was first stored and last set. Never its value.
 */
public record SecretInfo(
        String name, String keyId, Instant createdAt, String createdBy, Instant updatedAt, String updatedBy) {
    public SecretInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(updatedBy, "updatedBy");
    }
}
