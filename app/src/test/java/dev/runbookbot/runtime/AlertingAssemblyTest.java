package dev.runbookbot.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.runbookbot.config.AlertingSettings;
import dev.runbookbot.config.Settings;
import dev.runbookbot.config.SettingsException;
import dev.runbookbot.secrets.Secret;
import dev.runbookbot.secrets.SecretResolver;
import dev.runbookbot.web.WebSettings;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The web server's credentials are resolved from their secret names at start, and a missing one stops the start. */
class AlertingAssemblyTest {
    private final SecretResolver secrets =
            name -> name.startsWith("missing") ? Optional.empty() : Optional.of(new Secret(name, "value-of-" + name));

    @Test
    void namedCredentialsAreResolved() {
        WebSettings web = AlertingAssembly.webSettings(
                alerting(Map.of(
                        "RUNBOOK_ALERTMANAGER_TOKEN_SECRET", "am-token",
                        "RUNBOOK_ALERTMANAGER_BASIC_USER", "alertmanager",
                        "RUNBOOK_ALERTMANAGER_BASIC_PASSWORD_SECRET", "am-password",
                        "RUNBOOK_PAGERDUTY_WEBHOOK_SECRETS", "pd-old,pd-new",
                        "RUNBOOK_WEB_PORT", "0")),
                secrets);

        assertEquals(
                "value-of-am-token", web.alertmanagerBearerToken().orElseThrow().reveal());
        assertEquals(Optional.of("alertmanager"), web.alertmanagerBasicUser());
        assertEquals(
                "value-of-am-password",
                web.alertmanagerBasicPassword().orElseThrow().reveal());
        assertEquals(
                List.of("value-of-pd-old", "value-of-pd-new"),
                web.pagerdutySecrets().stream().map(Secret::reveal).toList());
        assertEquals(0, web.port());
    }

    @Test
    void aMissingSecretIsAStartUpErrorSayingHowToSetIt() {
        SettingsException error = assertThrows(
                SettingsException.class,
                () -> AlertingAssembly.webSettings(
                        alerting(Map.of("RUNBOOK_PAGERDUTY_WEBHOOK_SECRETS", "pd-new,missing-old")), secrets));

        assertEquals(
                "settings 'pagerduty.webhookSecrets' names the secret 'missing-old', which is not set (runbookctl"
                        + " secret set missing-old, or the environment variable RUNBOOK_SECRET_MISSING_OLD)",
                error.getMessage());
    }

    @Test
    void basicAuthNeedsBothHalves() {
        SettingsException error = assertThrows(
                SettingsException.class,
                () -> AlertingAssembly.webSettings(
                        alerting(Map.of("RUNBOOK_ALERTMANAGER_BASIC_USER", "alertmanager")), secrets));

        assertEquals(
                "settings 'alertmanager': basic auth needs both basicUser and basicPasswordSecret (only one is set)",
                error.getMessage());
    }

    private static AlertingSettings alerting(Map<String, String> env) {
        return Settings.load(Optional.empty(), env).alerting();
    }
}
