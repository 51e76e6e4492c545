package dev.runbookbot.cli;

import dev.runbookbot.secrets.MasterKeys;
import dev.runbookbot.secrets.SecretStore;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * How {@code runbookctl secret} reaches the secret store: open the database file, run one function against its store,
 * close it. The CLI does not know the store adapter; the caller wires the SQLite one, {@code JdbiSecretStore::withFile},
 * and tests may wire an in-memory store. With {@code readOnly} nothing is created or migrated ({@code secret list});
 * otherwise the file is created and migrated if needed, so secrets can be set before the bot first starts.
 *
 * <p>Implementations throw {@link dev.runbookbot.incident.StoreException} when the file cannot be used and {@link
 * dev.runbookbot.secrets.SecretException} when a key is missing or wrong; the commands print the message.
 */
@FunctionalInterface
public interface SecretStoreAccess {
    <T> T withStore(Path database, MasterKeys keys, boolean readOnly, Function<? super SecretStore, ? extends T> work);
}
