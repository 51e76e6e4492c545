package dev.runbookbot.config;

import dev.runbookbot.secrets.Secret;
import dev.runbookbot.secrets.SecretResolver;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Secrets given to the process as environment variables: the secret {@code NAME} is read from
 * {@code RUNBOOK_SECRET_NAME} (upper-cased, {@code -} and {@code .} as {@code _}). For deployments whose secrets come
 * from the orchestrator (Kubernetes secrets as env, systemd credentials).
 */
public final class EnvironmentSecrets implements SecretResolver {
    private final Map<String, String> env;

    public EnvironmentSecrets(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    public static String variableFor(String secretName) {
        return "RUNBOOK_SECRET_"
                + secretName.toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
    }

    /** Every secret given this way (named after its variable), so that their values can be masked in output. */
    public List<Secret> all() {
        return env.entrySet().stream()
                .filter(e -> e.getKey().startsWith("RUNBOOK_SECRET_")
                        && !e.getValue().isEmpty())
                .map(e -> new Secret(e.getKey(), e.getValue()))
                .toList();
    }

    @Override
    public Optional<Secret> resolve(String name) {
        return Optional.ofNullable(env.get(variableFor(name)))
                .filter(v -> !v.isEmpty())
                .map(v -> new Secret(name, v));
    }
}
