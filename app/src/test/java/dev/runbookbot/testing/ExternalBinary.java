package dev.runbookbot.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The rule for integration tests that need a server binary installed on the machine: when it is missing the test
 * fails if the environment says {@code CI=true} (CI must never pass by running nothing), and is skipped with a clear
 * message otherwise.
 */
public final class ExternalBinary {
    private ExternalBinary() {}

    /** Returns {@code binary} if it is executable; otherwise fails (CI) or aborts the test (elsewhere). */
    public static Path require(Path binary, String debianPackage) {
        if (Files.isExecutable(binary)) {
            return binary;
        }
        String message = binary + " is not installed; install the Debian package '" + debianPackage + "'";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(message + " (CI=true: integration tests must not be skipped)");
        }
        Assumptions.abort(message + " (skipped; with CI=true this fails)");
        return binary;
    }
}
