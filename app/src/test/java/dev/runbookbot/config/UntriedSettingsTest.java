package dev.runbookbot.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.process.SandboxMode;
import dev.runbookbot.testing.LogCapture;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The settings read before the sandbox's trial run, which the bot makes on a thread of its own while it starts. */
class UntriedSettingsTest {
    private static final Map<String, String> BROKEN_CHOSEN =
            Map.of("RUNBOOK_SANDBOX_MODE", "bubblewrap", "RUNBOOK_SANDBOX_PRLIMIT", "/nonexistent/prlimit");

    @Test
    void readingTriesNothingAndTheTrialFailsAsLoadDoes() {
        UntriedSettings untried = Settings.loadUntried(Optional.empty(), BROKEN_CHOSEN);

        assertEquals(
                SandboxMode.BUBBLEWRAP, untried.settings().processes().sandbox().mode());
        SettingsException late = assertThrows(SettingsException.class, untried::tried);
        SettingsException atOnce =
                assertThrows(SettingsException.class, () -> Settings.load(Optional.empty(), BROKEN_CHOSEN));
        assertEquals(atOnce.getMessage(), late.getMessage());
        assertTrue(late.getMessage().contains("but it does not work on this machine"), late.getMessage());
    }

    @Test
    void theTrialSettlesOnNoSandboxWithAWarningWhenNoModeWasChosen() {
        UntriedSettings untried =
                Settings.loadUntried(Optional.empty(), Map.of("RUNBOOK_SANDBOX_BUBBLEWRAP", "/nonexistent/bwrap"));
        try (LogCapture logs = LogCapture.of("dev.runbookbot.config")) {
            assertEquals(
                    SandboxMode.BUBBLEWRAP,
                    untried.settings().processes().sandbox().mode());
            assertTrue(logs.lines().isEmpty(), "reading says nothing: " + logs.lines());

            Settings tried = untried.tried();

            assertEquals(SandboxMode.NONE, tried.processes().sandbox().mode());
            assertEquals(untried.settings().runbooksDir(), tried.runbooksDir());
            assertEquals(
                    untried.settings().processes().workingDirectory(),
                    tried.processes().workingDirectory());
            assertTrue(
                    logs.lines().stream().anyMatch(line -> line.contains("NO SANDBOX: bubblewrap does not work here")),
                    logs.lines().toString());
        }
    }
}
