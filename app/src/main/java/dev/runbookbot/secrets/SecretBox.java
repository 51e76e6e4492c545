package dev.runbookbot.secrets;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secret values for storage with AES-256-GCM ({@code javax.crypto}) and decrypts them again, or says clearly
 * why it cannot: never silent garbage.
 *
 * <p>The envelope, stored as base64 text: {@code version (1 byte, = 1) | key id (4 bytes) | IV (12 bytes) | ciphertext
 * and 128-bit tag}. Every encryption draws a fresh random 96-bit IV from the {@link SecureRandom}. The additional
 * authenticated data is the envelope's header (version and key id) followed by the UTF-8 of {@code secret:NAME}: the
 * header cannot be edited, and a ciphertext copied into another secret's row fails its integrity check instead of
 * decrypting to the other secret's value. The key id in the header picks the key to decrypt with, so rows sealed under
 * {@code RUNBOOK_MASTER_KEY_PREVIOUS} stay readable until a rotation re-seals them.
 *
 * <p>NIST SP 800-38D bounds random-IV GCM at 2^32 encryptions per key. One encryption happens per {@code secret set}
 * and one per secret per rotation, all started by people; at one per second that limit is more than a century away,
 * and each rotation starts a fresh key. The box therefore keeps no counter.
 *
 * <p>Thread-safe: a {@link Cipher} is made per call; {@link SecureRandom} is thread-safe.
 */
public final class SecretBox {
    /** The envelope format this build writes and reads. */
    public static final int FORMAT_VERSION = 1;

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int KEY_ID_BYTES = 4;
    private static final int HEADER_BYTES = 1 + KEY_ID_BYTES;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int MIN_ENVELOPE_BYTES = HEADER_BYTES + IV_BYTES + TAG_BITS / 8;

    private final MasterKeys keys;
    private final SecureRandom random;

    public SecretBox(MasterKeys keys, SecureRandom random) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.random = Objects.requireNonNull(random, "random");
    }

    public MasterKeys keys() {
        return keys;
    }

    /**
     * Encrypts {@code value} for the secret {@code name} under the current key.
     *
     * @throws SecretException when no master key is configured
     */
    public SealedValue seal(String name, String value) {
        MasterKey key = keys.current()
                .orElseThrow(() -> new SecretException("cannot encrypt secret '" + name
                        + "': no master key is configured; set RUNBOOK_MASTER_KEY (openssl rand -base64 32) or"
                        + " RUNBOOK_MASTER_KEY_FILE"));
        byte[] header = ByteBuffer.allocate(HEADER_BYTES)
                .put((byte) FORMAT_VERSION)
                .put(key.idBytes())
                .array();
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        byte[] plaintext = value.getBytes(StandardCharsets.UTF_8);
        byte[] sealed;
        try {
            sealed = cipher(Cipher.ENCRYPT_MODE, key, iv, header, name).doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed in this JVM", e);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
        byte[] envelope = ByteBuffer.allocate(HEADER_BYTES + IV_BYTES + sealed.length)
                .put(header)
                .put(iv)
                .put(sealed)
                .array();
        return new SealedValue(key.id(), Base64.getEncoder().encodeToString(envelope));
    }

    /**
     * Decrypts the stored envelope of the secret {@code name}.
     *
     * @throws SecretException when the text is not an envelope of a known format, its key is not configured, or it
     *     fails its integrity check (altered, or sealed for another secret)
     */
    public Secret open(String name, String envelopeText) {
        byte[] envelope = envelope(name, envelopeText);
        String keyId = keyId(envelope);
        MasterKey key = keys.byId(keyId).orElseThrow(() -> unknownKey(name, keyId));
        byte[] header = Arrays.copyOfRange(envelope, 0, HEADER_BYTES);
        byte[] iv = Arrays.copyOfRange(envelope, HEADER_BYTES, HEADER_BYTES + IV_BYTES);
        byte[] plaintext;
        try {
            plaintext = cipher(Cipher.DECRYPT_MODE, key, iv, header, name)
                    .doFinal(envelope, HEADER_BYTES + IV_BYTES, envelope.length - HEADER_BYTES - IV_BYTES);
        } catch (AEADBadTagException e) {
            throw new SecretException("secret '" + name + "' failed its integrity check under key " + keyId
                    + ": the stored ciphertext was altered or copied from another secret's row; nothing was"
                    + " decrypted. Set it again: runbookctl secret set " + name);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed in this JVM", e);
        }
        try {
            return new Secret(
                    name,
                    StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(plaintext))
                            .toString());
        } catch (CharacterCodingException e) {
            // Authenticated, so written by us: only a bug could get here.
            throw new IllegalStateException("secret '" + name + "' decrypted to bytes that are not UTF-8", e);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    /** Decrypts with whichever configured key sealed it and encrypts again under the current key (a rotation). */
    public SealedValue reseal(String name, String envelopeText) {
        return seal(name, open(name, envelopeText).reveal());
    }

    /**
     * The id of the key that sealed this envelope, read from its header without decrypting.
     *
     * @throws SecretException when the text is not an envelope of a known format
     */
    public static String keyIdOf(String name, String envelopeText) {
        return keyId(envelope(name, envelopeText));
    }

    private static byte[] envelope(String name, String text) {
        byte[] envelope;
        try {
            envelope = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw notOurs(name, "it is not base64");
        }
        if (envelope.length < MIN_ENVELOPE_BYTES) {
            throw notOurs(name, "it is " + envelope.length + " bytes, shorter than any envelope");
        }
        if (envelope[0] != FORMAT_VERSION) {
            throw new SecretException("secret '" + name + "' is stored in envelope format " + (envelope[0] & 0xff)
                    + ", which this runbook-bot does not know (it knows " + FORMAT_VERSION
                    + "); use the runbook-bot version that wrote it");
        }
        return envelope;
    }

    private static String keyId(byte[] envelope) {
        return "k-" + HexFormat.of().formatHex(envelope, 1, HEADER_BYTES);
    }

    private static SecretException notOurs(String name, String why) {
        return new SecretException("the stored value of secret '" + name + "' is not a runbook-bot ciphertext (" + why
                + "); set it again: runbookctl secret set " + name);
    }

    private SecretException unknownKey(String name, String keyId) {
        String prefix = "secret '" + name + "' was encrypted with key " + keyId;
        if (keys.current().isEmpty()) {
            return new SecretException(prefix
                    + ", but no master key is configured: set that key as RUNBOOK_MASTER_KEY (or"
                    + " RUNBOOK_MASTER_KEY_FILE)");
        }
        if (keys.previous().isEmpty()) {
            return new SecretException(prefix + ", but the configured key is " + keys.currentId()
                    + ": set the old key as RUNBOOK_MASTER_KEY_PREVIOUS and rotate (runbookctl secret rotate-key), or set"
                    + " the secret again");
        }
        return new SecretException(prefix + ", but the configured keys are " + keys.currentId()
                + " (RUNBOOK_MASTER_KEY) and " + keys.previous().get().id()
                + " (RUNBOOK_MASTER_KEY_PREVIOUS): set the key it was encrypted with as RUNBOOK_MASTER_KEY_PREVIOUS");
    }

    private static Cipher cipher(int mode, MasterKey key, byte[] iv, byte[] header, String name)
            throws GeneralSecurityException {
        byte[] keyBytes = key.bytes();
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(mode, new SecretKeySpec(keyBytes, "AES"), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(header);
            cipher.updateAAD(("secret:" + name).getBytes(StandardCharsets.UTF_8));
            return cipher;
        } finally {
            Arrays.fill(keyBytes, (byte) 0);
        }
    }
}
