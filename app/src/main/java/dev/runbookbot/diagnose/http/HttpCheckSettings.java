package dev.runbookbot.diagnose.http;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Bot-wide settings for {@code http_check}. {@code extraTrustedCertificates} is a PEM file of CA certificates trusted
 * in addition to the platform's (an internal CA, or a test CA); without it only the platform's CAs are trusted.
 */
public record HttpCheckSettings(Optional<Path> extraTrustedCertificates) {
    public static HttpCheckSettings defaults() {
        return new HttpCheckSettings(Optional.empty());
    }
}
