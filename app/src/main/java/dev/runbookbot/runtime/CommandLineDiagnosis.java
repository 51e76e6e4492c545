package dev.runbookbot.runtime;

import dev.runbookbot.cli.DiagnosisSession;
import dev.runbookbot.cli.DiagnosisSetup;
import dev.runbookbot.cli.InputFileException;
import dev.runbookbot.config.EnvironmentSecrets;
import dev.runbookbot.config.Settings;
import dev.runbookbot.diagnose.recorded.RecordedExecutor;
import dev.runbookbot.diagnose.recorded.Recording;
import dev.runbookbot.diagnose.recorded.RecordingException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * The diagnosis half of {@code runbookctl run} and {@code simulate}: {@link Settings} from the named configuration
 * file and the environment, secrets from {@code RUNBOOK_SECRET_*}, and a {@link DiagnosisAssembly} with the live
 * executors or, for a fixture, with {@link RecordedExecutor}s that declare the live executors' facts but never call
 * them. No remediation executor is built here.
 */
final class CommandLineDiagnosis implements DiagnosisSetup {
    private final Map<String, String> env;
    private final Clock clock;

    CommandLineDiagnosis(Map<String, String> env, Clock clock) {
        this.env = Map.copyOf(env);
        this.clock = clock;
    }

    @Override
    public DiagnosisSession live(Optional<Path> configFile) {
        Settings settings = Settings.load(configFile, env);
        OutboundHttp http = new OutboundHttp();
        DiagnosisAssembly assembly = new DiagnosisAssembly(settings, http, new EnvironmentSecrets(env), clock);
        return new DiagnosisSession(
                settings.runbooksDir(), LintSetup.linter(settings), assembly.diagnoser(), Optional.empty(), () -> {
                    assembly.close();
                    http.close();
                });
    }

    @Override
    public DiagnosisSession recorded(Optional<Path> configFile, Path fixture) {
        Recording recording;
        try {
            recording = Recording.read(fixture);
        } catch (RecordingException e) {
            throw new InputFileException("--fixture " + fixture + ": " + String.join("; ", e.problems()), e);
        }
        return recorded(configFile, recording);
    }

    @Override
    public DiagnosisSession recorded(Optional<Path> configFile, Recording recording) {
        Settings settings = Settings.load(configFile, env);
        DiagnosisAssembly assembly = new DiagnosisAssembly(
                settings, RecordedExecutor.standingInFor(LintSetup.executors(settings), recording), clock);
        return new DiagnosisSession(
                settings.runbooksDir(),
                LintSetup.linter(settings),
                assembly.diagnoser(),
                Optional.of(recording.steps().keySet()),
                assembly::close);
    }
}
