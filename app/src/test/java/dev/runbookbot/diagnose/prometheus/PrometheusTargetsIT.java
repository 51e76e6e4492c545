package dev.runbookbot.diagnose.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.diagnose.Outcome;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.runbook.DiagnosticType;
import dev.runbookbot.secrets.SecretResolver;
import dev.runbookbot.testing.DiagnosticRequests;
import dev.runbookbot.testing.Poll;
import dev.runbookbot.testing.PrometheusServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.Test;

/**
 * {@code prometheus_targets} against a real Prometheus scraping two targets of its job {@code target} on 127.0.0.1:
 * one this test serves (up) and one port nothing listens on (down, "connection refused"), read through the targets
 * API the way target-down reads it.
 */
class PrometheusTargetsIT {
    private final OkHttpClient client = new OkHttpClient();

    @Test
    void theDownTargetOfTheJobIsReadWithItsScrapeError() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        try (MockWebServer up = new MockWebServer()) {
            up.setDispatcher(new okhttp3.mockwebserver.Dispatcher() {
                @Override
                public MockResponse dispatch(okhttp3.mockwebserver.RecordedRequest request) {
                    return new MockResponse().setBody("# TYPE alive gauge\nalive 1\n");
                }
            });
            up.start(InetAddress.getLoopbackAddress(), 0);
            try (PrometheusServer prometheus =
                    PrometheusServer.start(List.of("127.0.0.1:" + up.getPort(), "127.0.0.1:" + closed))) {
                TargetsExecutor executor = new TargetsExecutor(
                        () -> client, Optional.of(PrometheusSettings.of(prometheus.baseUrl())), SecretResolver.none());
                Outcome.Observed read =
                        Poll.until("both targets scraped once, one up and one refusing", Duration.ofSeconds(60), () -> {
                            Outcome outcome = executor.execute(DiagnosticRequests.request(
                                    DiagnosticType.PROMETHEUS_TARGETS,
                                    Map.of(
                                            "job",
                                            "{{ labels.job }}",
                                            "patterns",
                                            Map.of("refused", "connection refused")),
                                    new TemplateContext(Map.of(), Map.of("job", "target"), Map.of()),
                                    Duration.ofSeconds(10)));
                            // a target not scraped yet reads "unknown" (down) without an error: wait for the scrape
                            return outcome instanceof Outcome.Observed o
                                            && Long.valueOf(1).equals(o.facts().get("up_count"))
                                            && o.facts().get("errors") instanceof List<?> errors
                                            && errors.size() == 1
                                            && !errors.get(0).toString().isEmpty()
                                    ? Optional.of(o)
                                    : Optional.empty();
                        });
                assertEquals(2L, read.facts().get("count"));
                assertEquals(List.of("refused"), read.facts().get("matched"));
                List<?> errors = (List<?>) read.facts().get("errors");
                assertEquals(1, errors.size());
                assertTrue(
                        errors.get(0).toString().contains("127.0.0.1:" + closed + ": connect: connection refused"),
                        errors.toString());
                assertEquals("1 of 2 targets of job target down (refused)", read.evidence());
            }
        }
    }
}
