package dev.runbookbot.secrets;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A 256-bit AES key for the secret store and its id. The id is {@code k-} and the first 8 hex digits of the key's
 * SHA-256: it tells keys apart in the ciphertext envelope and in messages, and does not reveal the key (a 32-bit
 * prefix of a hash of 256 random bits). {@link #toString()} shows the id only; {@link #bytes()} returns a copy.
 *
 * <p>Generate one with {@code openssl rand -base64 32}. Where it comes from ({@code RUNBOOK_MASTER_KEY} or a key file)
 * is {@code config}'s business; this type only parses the text.
 */
public record MasterKey(String id, byte[] bytes) {
    public static final int LENGTH_BYTES = 32;
    private static final String HOW_TO_MAKE = "(openssl rand -base64 32)";

    public MasterKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length != LENGTH_BYTES) {
            throw new IllegalArgumentException(
                    "a master key must be " + LENGTH_BYTES + " bytes " + HOW_TO_MAKE + "; got " + bytes.length);
        }
        bytes = bytes.clone();
        if (!id.equals(idOf(bytes))) {
            throw new IllegalArgumentException("key id " + id + " does not belong to this key");
        }
    }

    /** The key with these 32 bytes, its id derived from them. */
    public static MasterKey of(byte[] bytes) {
        return new MasterKey(idOf(bytes), bytes);
    }

    /**
     * Parses base64 text of 32 bytes (surrounding whitespace, such as a key file's final newline, is ignored).
     *
     * @param origin where the text came from, for the message: {@code RUNBOOK_MASTER_KEY}, {@code key file /etc/...}
     * @throws IllegalArgumentException saying what is wrong, never echoing the text
     */
    public static MasterKey parse(String text, String origin) {
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(text.strip());
        } catch (IllegalArgumentException e) {
            // The decoder's message quotes the offending character: a piece of the key. Not passed on.
            throw new IllegalArgumentException(
                    origin + " must be base64 of " + LENGTH_BYTES + " bytes " + HOW_TO_MAKE + "; it is not base64");
        }
        try {
            if (decoded.length != LENGTH_BYTES) {
                throw new IllegalArgumentException(origin + " must be base64 of " + LENGTH_BYTES + " bytes "
                        + HOW_TO_MAKE + "; got " + decoded.length + (decoded.length == 1 ? " byte" : " bytes"));
            }
            return of(decoded);
        } finally {
            Arrays.fill(decoded, (byte) 0);
        }
    }

    /** {@code k-} and the first 8 hex digits of SHA-256 of the key. */
    public static String idOf(byte[] key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
            return "k-" + HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    /** A copy of the key bytes; the caller should clear it after use. */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The 4 bytes of the id, as written in the ciphertext envelope. */
    byte[] idBytes() {
        return HexFormat.of().parseHex(id.substring(2));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MasterKey k && MessageDigest.isEqual(k.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "MasterKey[" + id + "]";
    }
}
