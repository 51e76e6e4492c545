package dev.runbookbot.incident.intake;

import dev.runbookbot.audit.NonBlank;
import java.util.Objects;
import java.util.Optional;

/**
 * How alerts become incidents, beyond what the runbooks say: the alert label that names the environment ({@value
 * #DEFAULT_ENVIRONMENT_LABEL} by default; an alert without it runs in the bot's default environment) and the chat
 * channel where alerts that no runbook handles are posted, once each (none: they are only recorded).
 */
public record AlertRouting(String environmentLabel, Optional<String> fallbackChannel) {
    public static final String DEFAULT_ENVIRONMENT_LABEL = "env";

    public AlertRouting {
        NonBlank.require(environmentLabel, "environment label");
        Objects.requireNonNull(fallbackChannel, "fallbackChannel")
                .ifPresent(channel -> NonBlank.require(channel, "fallback channel"));
    }

    public static AlertRouting defaults() {
        return new AlertRouting(DEFAULT_ENVIRONMENT_LABEL, Optional.empty());
    }
}
