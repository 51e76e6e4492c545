package dev.runbookbot.testing;

import dev.runbookbot.secrets.MasterKeys;
import dev.runbookbot.secrets.SecretBox;
import dev.runbookbot.secrets.SecretStore;
import dev.runbookbot.secrets.SecretStoreContract;
import java.security.SecureRandom;

/** The in-memory secret store keeps the same contract as the SQLite one. */
class InMemorySecretStoreTest extends SecretStoreContract {
    private final InMemorySecretStore rows =
            new InMemorySecretStore(new SecretBox(MasterKeys.none(), new SecureRandom()), clock);

    @Override
    protected SecretStore storeWith(MasterKeys keys) {
        return rows.withKeys(new SecretBox(keys, new SecureRandom()));
    }
}
