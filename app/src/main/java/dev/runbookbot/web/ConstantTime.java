package dev.runbookbot.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Compares a presented credential with the configured one without leaking, through timing, where they differ or how
 * long the configured one is: both sides are hashed to SHA-256 first and the digests compared with {@link
 * MessageDigest#isEqual}.
 */
final class ConstantTime {
    private ConstantTime() {}

    static boolean equal(String presented, String expected) {
        return MessageDigest.isEqual(sha256(presented), sha256(expected));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
