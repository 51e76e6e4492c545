package dev.runbookbot.testing;

import dev.runbookbot.diagnose.DiagnosticRequest;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.runbook.DiagnosticSpec;
import dev.runbookbot.runbook.DiagnosticType;
import dev.runbookbot.runbook.InterpretSpec;
import dev.runbookbot.runbook.SourceLocation;
import dev.runbookbot.runbook.StepConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Builds diagnostic steps and requests for executor tests, with config at {@code diagnostics[0].config}. */
public final class DiagnosticRequests {
    public static final String CONFIG_PATH = "diagnostics[0].config";

    private DiagnosticRequests() {}

    public static StepConfig config(Map<String, Object> values) {
        return new StepConfig(values, CONFIG_PATH);
    }

    public static DiagnosticSpec spec(DiagnosticType type, Map<String, Object> config, Duration timeout) {
        Path file = Path.of("runbooks/test.yaml");
        return new DiagnosticSpec(
                "step",
                "test step",
                "",
                type,
                config(config),
                timeout,
                new InterpretSpec(Optional.empty(), Optional.empty(), Optional.empty(), SourceLocation.unknown(file)),
                SourceLocation.unknown(file));
    }

    public static DiagnosticRequest request(DiagnosticType type, Map<String, Object> config, Duration timeout) {
        return new DiagnosticRequest(spec(type, config, timeout), TemplateContext.empty(), timeout);
    }

    public static DiagnosticRequest request(
            DiagnosticType type, Map<String, Object> config, TemplateContext context, Duration timeout) {
        return new DiagnosticRequest(spec(type, config, timeout), context, timeout);
    }
}
