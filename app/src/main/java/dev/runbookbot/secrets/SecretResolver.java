package dev.runbookbot.secrets;

import java.util.Optional;

/** Looks up a named secret (runbooks and configuration refer to secrets by name only). Thread-safe. */
public interface SecretResolver {
    Optional<Secret> resolve(String name);

    static SecretResolver none() {
        return name -> Optional.empty();
    }
}
