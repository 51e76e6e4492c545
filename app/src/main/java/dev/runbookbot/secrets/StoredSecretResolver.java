package dev.runbookbot.secrets;

import java.util.Objects;
import java.util.Optional;

/**
 * Resolves the secrets runbooks and configuration refer to by name from the {@link SecretStore}. A secret that is
 * stored but cannot be decrypted is a configuration error, not an absent secret: {@link #resolve} throws {@link
 * SecretException} with its explanation rather than pretending the secret is not set. Check {@link SecretStore#all()}
 * at start-up to fail before the first incident instead. Thread-safe when the store is.
 */
public final class StoredSecretResolver implements SecretResolver {
    private final SecretStore store;

    public StoredSecretResolver(SecretStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public Optional<Secret> resolve(String name) {
        return store.get(name);
    }
}
