package dev.runbookbot.diagnose.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.diagnose.Outcome;
import dev.runbookbot.runbook.DiagnosticType;
import dev.runbookbot.secrets.SecretResolver;
import dev.runbookbot.testing.DiagnosticRequests;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * http_check against real HTTPS servers on 127.0.0.1 with certificates from a test CA: one valid for 90 days, one that
 * expires in 2 days, and one that expired yesterday. The CA is trusted through the executor's extra-trust PEM file, the
 * same path production uses for an internal CA.
 */
class HttpCheckTlsIT {
    private static final long DAY = Duration.ofDays(1).toMillis();

    /** Whole seconds: certificate dates have no milliseconds, so the expected day counts are exact. */
    private final long now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toEpochMilli();

    private final Clock clock = Clock.fixed(Instant.ofEpochMilli(now), ZoneOffset.UTC);
    private final List<MockWebServer> servers = new ArrayList<>();
    private HeldCertificate ca;

    @TempDir
    Path dir;

    @BeforeEach
    void createCa() {
        ca = new HeldCertificate.Builder()
                .certificateAuthority(0)
                .commonName("runbook-bot test CA")
                .validityInterval(now - 60 * DAY, now + 365 * DAY)
                .build();
    }

    @AfterEach
    void stop() throws IOException {
        for (MockWebServer server : servers) {
            server.shutdown();
        }
    }

    private MockWebServer httpsServer(long notBefore, long notAfter) throws IOException {
        HeldCertificate leaf = new HeldCertificate.Builder()
                .commonName("127.0.0.1")
                .addSubjectAlternativeName("127.0.0.1")
                .addSubjectAlternativeName("localhost")
                .validityInterval(notBefore, notAfter)
                .signedBy(ca)
                .build();
        HandshakeCertificates serverCertificates = new HandshakeCertificates.Builder()
                .heldCertificate(leaf, ca.certificate())
                .build();
        MockWebServer server = new MockWebServer();
        server.useHttps(serverCertificates.sslSocketFactory(), false);
        server.enqueue(new MockResponse().setBody("ok"));
        server.start(InetAddress.getLoopbackAddress(), 0);
        servers.add(server);
        return server;
    }

    private HttpCheckExecutor executor(boolean trustTestCa) throws IOException {
        Optional<Path> pem = Optional.empty();
        if (trustTestCa) {
            Path file = dir.resolve("ca.pem");
            Files.writeString(file, ca.certificatePem());
            pem = Optional.of(file);
        }
        return new HttpCheckExecutor(OkHttpClient::new, new HttpCheckSettings(pem), SecretResolver.none(), clock);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> result(Outcome.Observed o, int i) {
        return ((List<Map<String, Object>>) o.facts().get("results")).get(i);
    }

    @Test
    void daysUntilExpiryForValidNearlyExpiredAndExpiredCertificates() throws IOException {
        MockWebServer valid = httpsServer(now - DAY, now + 90 * DAY);
        MockWebServer nearlyExpired = httpsServer(now - 88 * DAY, now + 2 * DAY);
        MockWebServer expired = httpsServer(now - 30 * DAY, now - DAY);
        List<Map<String, Object>> urls = List.of(
                Map.of("name", "valid", "url", valid.url("/health").toString()),
                Map.of(
                        "name",
                        "nearly-expired",
                        "url",
                        nearlyExpired.url("/health").toString()),
                Map.of("name", "expired", "url", expired.url("/health").toString()));
        Outcome outcome = executor(true)
                .execute(DiagnosticRequests.request(
                        DiagnosticType.HTTP_CHECK, Map.of("urls", urls), Duration.ofSeconds(20)));
        Outcome.Observed o = assertInstanceOf(Outcome.Observed.class, outcome, outcome::toString);

        assertEquals(200L, result(o, 0).get("status"), o.details().toString());
        assertEquals(true, result(o, 0).get("healthy"));
        assertEquals(90L, result(o, 0).get("cert_days_left"));

        assertEquals(200L, result(o, 1).get("status"));
        assertEquals(true, result(o, 1).get("healthy"), "a certificate that still validates is healthy");
        assertEquals(2L, result(o, 1).get("cert_days_left"));

        assertEquals(0L, result(o, 2).get("status"));
        assertEquals(false, result(o, 2).get("healthy"));
        assertEquals(true, result(o, 2).get("unreachable"));
        assertEquals(
                "failed the TLS handshake: the certificate has expired",
                result(o, 2).get("error"));
        assertEquals(-1L, result(o, 2).get("cert_days_left"), "the expiry of a rejected certificate is still read");
        assertEquals(0, expired.getRequestCount(), "no request was sent to the server with the expired certificate");

        assertEquals(-1L, o.facts().get("min_cert_days_left"));
        assertEquals(3L, o.facts().get("certs_checked"));
        assertEquals(1L, o.facts().get("unhealthy_count"));
        assertTrue(
                o.evidence()
                        .startsWith("1 of 3 unhealthy: expired (failed the TLS handshake: the certificate has"
                                + " expired)"),
                o.evidence());
        assertTrue(o.evidence().endsWith("; certificate expired 1 day ago (expired)"), o.evidence());
    }

    @Test
    void anUntrustedCertificateIsUnhealthyButItsExpiryIsStillKnown() throws IOException {
        MockWebServer valid = httpsServer(now - DAY, now + 90 * DAY);
        Outcome outcome = executor(false)
                .execute(DiagnosticRequests.request(
                        DiagnosticType.HTTP_CHECK,
                        Map.of(
                                "urls",
                                List.of(Map.of(
                                        "name",
                                        "self-signed",
                                        "url",
                                        valid.url("/").toString()))),
                        Duration.ofSeconds(20)));
        Outcome.Observed o = assertInstanceOf(Outcome.Observed.class, outcome, outcome::toString);
        assertEquals(false, result(o, 0).get("healthy"));
        assertEquals(
                "failed the TLS handshake: the certificate is not trusted (unknown issuer or self-signed)",
                result(o, 0).get("error"));
        assertEquals(90L, result(o, 0).get("cert_days_left"));
        assertEquals(0, valid.getRequestCount());
    }
}
