package dev.runbookbot.bench;

import java.io.IOException;
import java.net.InetAddress;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * The service the bench runbooks check ({@code bench-payments.yaml}'s health endpoint), on 127.0.0.1, down: every
 * request gets {@code 503 {"status":"down"}}, so that each incident's diagnosis finds it critical and proposes its
 * remediation. Close it to stop it.
 */
final class DownService implements AutoCloseable {
    private final MockWebServer server = new MockWebServer();

    private DownService() {}

    static DownService start() throws IOException {
        DownService service = new DownService();
        service.server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse().setResponseCode(503).setBody("{\"status\":\"down\"}");
            }
        });
        service.server.start(InetAddress.getByName("127.0.0.1"), 0);
        return service;
    }

    /** Its base URL, the {@code @BASE@} of the bench runbooks. */
    String base() {
        return "http://127.0.0.1:" + server.getPort();
    }

    @Override
    public void close() throws IOException {
        server.shutdown();
    }
}
