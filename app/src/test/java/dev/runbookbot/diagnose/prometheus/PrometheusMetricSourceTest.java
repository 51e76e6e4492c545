package dev.runbookbot.diagnose.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.diagnose.MetricReading;
import dev.runbookbot.secrets.SecretResolver;
import dev.runbookbot.testing.RecordedFixtures;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The threshold watcher's reads, against Prometheus answers captured from a real server (app/src/test/resources/fixtures). */
class PrometheusMetricSourceTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private MockWebServer server;
    private PrometheusMetricSource source;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start();
        source = new PrometheusMetricSource(
                new OkHttpClient(),
                PrometheusSettings.of(URI.create(server.url("/").toString())),
                SecretResolver.none());
    }

    @AfterEach
    void stop() throws IOException {
        server.shutdown();
    }

    @Test
    void aVectorIsOneSamplePerSeriesAndTheQueryIsAGetWithItsTimeout() throws InterruptedException {
        server.enqueue(fixture("captured.query.vector.up.json"));

        MetricReading reading = source.read("up", TIMEOUT);

        List<MetricReading.Sample> samples =
                assertInstanceOf(MetricReading.Samples.class, reading).samples();
        assertTrue(samples.size() >= 1, samples.toString());
        assertEquals("up", samples.get(0).labels().get("__name__"));
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertEquals("GET", request.getMethod());
        assertEquals("/api/v1/query", request.getRequestUrl().encodedPath());
        assertEquals("up", request.getRequestUrl().queryParameter("query"));
        assertEquals("3000ms", request.getRequestUrl().queryParameter("timeout"));
    }

    @Test
    void aScalarIsOneSampleWithoutLabels() {
        server.enqueue(fixture("captured.query.scalar.json"));

        MetricReading reading = source.read("scalar(1)", TIMEOUT);

        List<MetricReading.Sample> samples =
                assertInstanceOf(MetricReading.Samples.class, reading).samples();
        assertEquals(1, samples.size());
        assertEquals(Map.of(), samples.get(0).labels());
    }

    @Test
    void anEmptyVectorIsNoSamples() {
        server.enqueue(fixture("captured.query.empty-vector.json"));

        assertEquals(new MetricReading.Samples(List.of()), source.read("absent_metric", TIMEOUT));
    }

    @Test
    void nanAndInfinityAreKeptForTheWatcherToIgnore() {
        server.enqueue(fixture("captured.query.nan-and-inf.json"));

        List<MetricReading.Sample> samples = assertInstanceOf(MetricReading.Samples.class, source.read("x", TIMEOUT))
                .samples();
        assertTrue(samples.stream().anyMatch(s -> Double.isNaN(s.value())), samples.toString());
        assertTrue(samples.stream().anyMatch(s -> Double.isInfinite(s.value())), samples.toString());
    }

    @Test
    void aStringResultAndAnErrorAreUnavailableWithTheReason() {
        server.enqueue(fixture("captured.query.string.json"));
        server.enqueue(new MockResponse()
                .setResponseCode(400)
                .setHeader("Content-Type", "application/json")
                .setBody(RecordedFixtures.read(RecordedFixtures.root()
                        .resolve("prometheus-api")
                        .resolve("captured.query.error-bad_data-parse.json"))));

        MetricReading text = source.read("\"hello\"", TIMEOUT);
        MetricReading bad = source.read("sum(", TIMEOUT);

        assertTrue(
                assertInstanceOf(MetricReading.Unavailable.class, text).reason().contains("answered with a string"),
                text.toString());
        assertTrue(
                assertInstanceOf(MetricReading.Unavailable.class, bad).reason().contains("bad_data"), bad.toString());
    }

    @Test
    void aServerThatDoesNotAnswerIsUnavailable() throws IOException {
        server.shutdown();

        MetricReading reading = source.read("up", TIMEOUT);

        assertTrue(
                assertInstanceOf(MetricReading.Unavailable.class, reading)
                        .reason()
                        .startsWith("prometheus at http://"),
                reading.toString());
    }

    private static MockResponse fixture(String name) {
        return new MockResponse()
                .setHeader("Content-Type", "application/json")
                .setBody(RecordedFixtures.read(
                        RecordedFixtures.root().resolve("prometheus-api").resolve(name)));
    }
}
