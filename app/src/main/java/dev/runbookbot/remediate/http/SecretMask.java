package dev.runbookbot.remediate.http;

import dev.runbookbot.secrets.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;

/**
 * Replaces every occurrence of the secrets a request used with {@code <secret:NAME>}, by literal match (never a regex
 * built from the secret; PLATFORM-FACTS 11). Longest secret first, so a secret that contains another is masked whole.
 */
final class SecretMask {
    private final List<Secret> secrets;

    SecretMask(List<Secret> secrets) {
        this.secrets = secrets.stream()
                .filter(s -> !s.reveal().isEmpty())
                .sorted(Comparator.comparingInt((Secret s) -> s.reveal().length())
                        .reversed())
                .toList();
    }

    String apply(String text) {
        String out = text;
        for (Secret secret : secrets) {
            out = out.replace(secret.reveal(), "<secret:" + secret.name() + ">");
        }
        return out;
    }

    /** The longest secret in UTF-8 bytes: how far past a cut a secret may reach. */
    int longestBytes() {
        return secrets.stream()
                .mapToInt(s -> s.reveal().getBytes(StandardCharsets.UTF_8).length)
                .max()
                .orElse(0);
    }
}
