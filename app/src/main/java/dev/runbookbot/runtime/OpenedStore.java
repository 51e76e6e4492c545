package dev.runbookbot.runtime;

import dev.runbookbot.config.EnvironmentSecrets;
import dev.runbookbot.config.Settings;
import dev.runbookbot.incident.RecoveryReport;
import dev.runbookbot.secrets.Secret;
import dev.runbookbot.secrets.SecretBox;
import dev.runbookbot.secrets.SecretResolver;
import dev.runbookbot.secrets.SecretStore;
import dev.runbookbot.secrets.StoredSecretResolver;
import dev.runbookbot.store.JdbiIncidentStore;
import dev.runbookbot.store.JdbiSecretStore;
import dev.runbookbot.store.StoreDatabase;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The bot's store, opened and recovered at start (a start-up step of its own): the database ({@link StoreAssembly}:
 * SQLite, or PostgreSQL when the settings name one), the incident store
 * and what the last run left unfinished ({@link RecoveryReport}), and the secrets, resolved from the secret store first,
 * then {@code RUNBOOK_SECRET_*}. Closing it closes the database.
 */
record OpenedStore(
        StoreDatabase database,
        JdbiIncidentStore incidents,
        SecretResolver secrets,
        Supplier<Collection<Secret>> knownSecrets,
        ReplicaAssembly replica,
        boolean alone,
        RecoveryReport recovered)
        implements AutoCloseable {

    /**
     * Opens the database the settings name and recovers it.
     *
     * @throws dev.runbookbot.incident.StoreException when the database cannot be opened
     */
    static OpenedStore open(Settings settings, boolean initDatabase, Map<String, String> environment, Clock clock) {
        StoreDatabase database = StoreAssembly.open(settings, environment, clock, initDatabase);
        try {
            JdbiIncidentStore incidents = new JdbiIncidentStore(database, clock);
            SecretStore secretStore =
                    new JdbiSecretStore(database, new SecretBox(settings.masterKeys(), new SecureRandom()), clock);
            secretStore.all(); // a stored secret that cannot be decrypted stops the start, not the first incident
            EnvironmentSecrets environmentSecrets = new EnvironmentSecrets(environment);
            StoredSecretResolver storedSecrets = new StoredSecretResolver(secretStore);
            SecretResolver secrets = name -> storedSecrets.resolve(name).or(() -> environmentSecrets.resolve(name));
            Supplier<Collection<Secret>> knownSecrets = () -> {
                List<Secret> all = new ArrayList<>(secretStore.all());
                all.addAll(environmentSecrets.all());
                return all;
            };
            // Several replicas may share the store (docs/scaling.md): only one alone on it recovers as after a
            // restart; the runs and diagnoses of live replicas are theirs.
            ReplicaAssembly replica = new ReplicaAssembly(database, ThisReplica.ID);
            try {
                boolean alone = replica.joinAlone();
                RecoveryReport recovered = alone
                        ? incidents.recover()
                        : new RecoveryReport(List.of(), List.of(), List.of(), List.of(), List.of());
                return new OpenedStore(database, incidents, secrets, knownSecrets, replica, alone, recovered);
            } catch (RuntimeException e) {
                replica.close();
                throw e;
            }
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** Gives this replica's leases up, then closes the database. */
    @Override
    public void close() {
        try {
            replica.close();
        } finally {
            database.close();
        }
    }
}
