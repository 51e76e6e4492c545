package dev.runbookbot.web;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The delivery keys of the last {@value #REMEMBERED} webhook bodies the intake took, by the SHA-256 of their bytes, so a
 * byte-identical re-send (Alertmanager's retries and repeat notifications: thousands of them in a storm) is recognised
 * without parsing and mapping it again: the same bytes always map to the same delivery key. Whether that key is
 * still recorded is the intake's to say ({@code AlertIntake#known}). Thread-safe.
 */
final class RepeatedBodies {
    static final int REMEMBERED = 4_096;

    /** A body the intake took: its delivery key and how many alerts it carries (for the answer and the metrics). */
    record Known(String deliveryKey, int alerts) {}

    private final Map<String, Known> known = new LinkedHashMap<>(1_024, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Known> eldest) {
            return size() > REMEMBERED;
        }
    };

    /** The digest {@link #find} and {@link #remember} take. */
    static String digest(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    Optional<Known> find(String digest) {
        synchronized (known) {
            return Optional.ofNullable(known.get(digest));
        }
    }

    void remember(String digest, Known delivery) {
        synchronized (known) {
            known.put(digest, delivery);
        }
    }
}
