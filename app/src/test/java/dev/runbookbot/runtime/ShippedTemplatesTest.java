package dev.runbookbot.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runbookbot.expr.Template;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.expr.TemplateSink;
import dev.runbookbot.runbook.RunbookSpec;
import dev.runbookbot.runbook.load.RunbookLoader;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Template functions as the shipped runbooks use them, rendered for their sink with an alert's values. */
class ShippedTemplatesTest {
    private static final Path RUNBOOKS = Path.of(System.getProperty("runbookbot.runbooks", "../runbooks"));

    private static String notifyText(String runbookId, String remediationId) {
        RunbookSpec runbook = new RunbookLoader()
                .load(RUNBOOKS.resolve(runbookId + ".yaml"))
                .spec()
                .orElseThrow();
        return runbook.remediation(remediationId)
                .orElseThrow()
                .action()
                .orElseThrow()
                .config()
                .string("text")
                .orElseThrow();
    }

    @Test
    void downstreamDownTellsTheOwnersTheAlertsSummaryOrFallsBack() throws Exception {
        Template text = Template.parse(notifyText("downstream-down", "notify_owners"));
        Map<String, Object> params = Map.of("target", "https://api.partner.example/health");

        assertEquals(
                "BLACKBOX of https://api.partner.example/health is failing: probe failed for 5 minutes.",
                text.render(
                                new TemplateContext(
                                        params,
                                        Map.of("job", "blackbox"),
                                        Map.of("summary", "probe failed for 5 minutes")),
                                TemplateSink.TEXT)
                        .text());
        assertEquals(
                "PROBE of https://api.partner.example/health is failing: see the runbook thread for availability,"
                        + " status and latency.",
                text.render(new TemplateContext(params, Map.of(), Map.of()), TemplateSink.TEXT)
                        .text());
    }
}
