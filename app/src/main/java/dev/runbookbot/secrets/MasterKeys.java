package dev.runbookbot.secrets;

import java.util.Objects;
import java.util.Optional;

/**
 * The master keys the secret store is configured with: {@code current} encrypts and decrypts ({@code
 * RUNBOOK_MASTER_KEY} or its key file); {@code previous} only decrypts, during a rotation ({@code
 * RUNBOOK_MASTER_KEY_PREVIOUS}). Both may be absent: a bot that uses no stored secret needs no key, and asking for one
 * then fails with a message saying which variable to set. {@code config} builds this record; nothing else reads the
 * environment.
 */
public record MasterKeys(Optional<MasterKey> current, Optional<MasterKey> previous) {
    public MasterKeys {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(previous, "previous");
        if (current.isEmpty() && previous.isPresent()) {
            throw new IllegalArgumentException(
                    "RUNBOOK_MASTER_KEY_PREVIOUS (" + previous.get().id()
                            + ") is set but RUNBOOK_MASTER_KEY is not: the previous key only decrypts; set the new key as"
                            + " RUNBOOK_MASTER_KEY");
        }
    }

    public static MasterKeys none() {
        return new MasterKeys(Optional.empty(), Optional.empty());
    }

    public static MasterKeys of(MasterKey current) {
        return new MasterKeys(Optional.of(current), Optional.empty());
    }

    public static MasterKeys rotating(MasterKey current, MasterKey previous) {
        return new MasterKeys(Optional.of(current), Optional.of(previous));
    }

    /** The configured key with this id, current first. */
    public Optional<MasterKey> byId(String keyId) {
        if (current.isPresent() && current.get().id().equals(keyId)) {
            return current;
        }
        return previous.filter(k -> k.id().equals(keyId));
    }

    /** The current key's id, for messages: {@code k-2a9f03c1}, or {@code none}. */
    public String currentId() {
        return current.map(MasterKey::id).orElse("none");
    }
}
