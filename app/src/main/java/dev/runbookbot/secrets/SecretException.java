package dev.runbookbot.secrets;

/**
 * A secret cannot be encrypted or decrypted: no master key is configured, the stored value was encrypted with a key
 * that is not configured, or it fails its integrity check (altered, or copied from another secret's row). The message
 * names the secret and the key ids involved and says what to do; it never contains a secret value or key material.
 */
public final class SecretException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SecretException(String message) {
        super(message);
    }
}
