package dev.runbookbot.cli;

import dev.runbookbot.diagnose.recorded.Recording;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Builds the read-only half of the application for {@code run} and {@code simulate}: the runbook directory, the
 * linter and a {@link dev.runbookbot.decide.Diagnoser}, from the configuration file the user named (or the default
 * one and the environment). Implemented in {@code runtime}; the commands see only what a session holds, and a session
 * holds nothing that can remediate.
 */
public interface DiagnosisSetup {
    /**
     * Diagnostics that query the live systems the configuration names.
     *
     * @throws dev.runbookbot.config.SettingsException when the configuration cannot be used
     */
    DiagnosisSession live(Optional<Path> configFile);

    /**
     * Diagnostics that read the results recorded in {@code fixture} instead of asking any system.
     *
     * @throws InputFileException when the fixture cannot be read or is not a valid fixture
     */
    DiagnosisSession recorded(Optional<Path> configFile, Path fixture);

    /**
     * Diagnostics that read {@code recording} (the results of one runbook test case) instead of asking any system.
     *
     * @throws dev.runbookbot.config.SettingsException when the configuration cannot be used
     */
    DiagnosisSession recorded(Optional<Path> configFile, Recording recording);

    /** For contexts that have no diagnosis wiring (tests of other commands): every call fails. */
    DiagnosisSetup NONE = new DiagnosisSetup() {
        @Override
        public DiagnosisSession live(Optional<Path> configFile) {
            throw new IllegalStateException("this runbookctl has no diagnosis wiring");
        }

        @Override
        public DiagnosisSession recorded(Optional<Path> configFile, Path fixture) {
            throw new IllegalStateException("this runbookctl has no diagnosis wiring");
        }

        @Override
        public DiagnosisSession recorded(Optional<Path> configFile, Recording recording) {
            throw new IllegalStateException("this runbookctl has no diagnosis wiring");
        }
    };
}
