package dev.runbookbot.diagnose.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.runbookbot.diagnose.Outcome;
import dev.runbookbot.runbook.DiagnosticType;
import dev.runbookbot.secrets.SecretResolver;
import dev.runbookbot.testing.DiagnosticRequests;
import dev.runbookbot.testing.ExternalBinary;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/**
 * log_search against the machine's real journalctl. The journal's content is the machine's, so this checks that the
 * argv is accepted and the run is read as an observation (a journal with no entries, or no match, is 0 lines).
 */
class JournalSearchIT {
    @Test
    void theRealJournalctlAcceptsTheArgv() {
        Path journalctl = ExternalBinary.require(LogSearchSettings.DEFAULT_JOURNALCTL, "systemd");
        ExecutorService journalOutput = Executors.newCachedThreadPool();
        LogSearchExecutor executor = new LogSearchExecutor(
                OkHttpClient::new,
                new LogSearchSettings(Optional.empty(), journalctl),
                SecretResolver.none(),
                Clock.systemUTC(),
                journalOutput);
        Outcome outcome = executor.execute(DiagnosticRequests.request(
                DiagnosticType.LOG_SEARCH,
                Map.of(
                        "source", "journald",
                        "unit", "runbook-bot-it-no-such.service",
                        "pattern", "(connection refused|timeout)",
                        "since", "5m"),
                Duration.ofSeconds(30)));
        Outcome.Observed o = assertInstanceOf(Outcome.Observed.class, outcome, outcome::toString);
        assertEquals(0L, o.facts().get("match_count"), "no entries exist for a unit that does not exist");
        assertEquals("journald", o.facts().get("source"));
        journalOutput.shutdownNow();
    }
}
