package dev.runbookbot.secrets;

import java.util.List;
import java.util.Optional;

/**
 * The encrypted credential store: named secret values kept encrypted with {@link SecretBox} under the master key,
 * never in plaintext, never returned by a listing. The SQLite implementation shares the bot's database ({@code
 * store}); an in-memory one for tests lives in {@code testing}.
 *
 * <p>Implementations are thread-safe; each method is one transaction. Messages of the exceptions they throw name
 * secrets and key ids, never values.
 */
public interface SecretStore {
    /**
     * Encrypts and stores {@code value} as the secret {@code name}, replacing any value it had; {@code actor} is who
     * set it (a Slack user id, {@code cli:alice}).
     *
     * @throws IllegalArgumentException when the name or the value breaks {@link SecretRules}
     * @throws SecretException when no master key is configured
     */
    SecretInfo put(String name, String value, String actor);

    /**
     * The secret {@code name}, decrypted.
     *
     * @throws SecretException when it is stored but cannot be decrypted (its key is not configured, or it fails its
     *     integrity check)
     */
    Optional<Secret> get(String name);

    /** Every stored secret's metadata, by name. No key is needed and nothing is decrypted. */
    List<SecretInfo> list();

    /** Removes the secret {@code name}; false when there was none. */
    boolean remove(String name);

    /**
     * Re-encrypts, in one transaction, every secret that is not under the current key: decrypted with the key that
     * sealed it (normally {@code RUNBOOK_MASTER_KEY_PREVIOUS}), encrypted again under {@code RUNBOOK_MASTER_KEY}. When
     * any secret cannot be decrypted nothing is changed.
     *
     * @throws SecretException when no master key is configured or a secret cannot be decrypted
     */
    KeyRotation rotateKey();

    /**
     * Every stored secret, decrypted: for a {@link Redactor} over all known values and to check at start-up that the
     * configured keys open everything. Never print the result.
     *
     * @throws SecretException when a secret cannot be decrypted
     */
    List<Secret> all();
}
