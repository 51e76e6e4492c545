package dev.runbookbot.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.Test;

class OutboundHttpTest {
    @Test
    void perCallClientsShareTheOnePoolAndDispatcher() {
        try (OutboundHttp outbound = new OutboundHttp()) {
            OkHttpClient perCall = outbound.client()
                    .newBuilder()
                    .callTimeout(Duration.ofSeconds(2))
                    .followRedirects(false)
                    .build();

            assertSame(outbound.client().dispatcher(), perCall.dispatcher());
            assertSame(outbound.client().connectionPool(), perCall.connectionPool());
            assertEquals(
                    OutboundHttp.MAX_REQUESTS, outbound.client().dispatcher().getMaxRequests());
            assertEquals(
                    OutboundHttp.MAX_REQUESTS_PER_HOST,
                    outbound.client().dispatcher().getMaxRequestsPerHost());
        }
    }

    @Test
    void callsRunOnDaemonThreadsThatStopOnClose() throws Exception {
        OutboundHttp outbound = new OutboundHttp();
        try (MockWebServer server = new MockWebServer()) {
            server.start(InetAddress.getLoopbackAddress(), 0);
            server.enqueue(new MockResponse().setBody("ok"));
            CompletableFuture<Boolean> daemon = new CompletableFuture<>();
            outbound.client()
                    .newCall(new Request.Builder().url(server.url("/")).build())
                    .enqueue(new Callback() {
                        @Override
                        public void onFailure(Call call, IOException e) {
                            daemon.completeExceptionally(e);
                        }

                        @Override
                        public void onResponse(Call call, Response response) {
                            response.close();
                            daemon.complete(Thread.currentThread().isDaemon());
                        }
                    });

            assertTrue(daemon.get(10, TimeUnit.SECONDS), "okhttp ran the call on a thread that keeps the JVM alive");
        } finally {
            outbound.close();
        }
        assertTrue(outbound.client().dispatcher().executorService().isShutdown());
        assertEquals(0, outbound.client().connectionPool().connectionCount());
    }

    @Test
    void aClientFirstAskedForAfterCloseIsAlreadyStopped() {
        OutboundHttp outbound = new OutboundHttp();
        outbound.close();

        assertTrue(outbound.client().dispatcher().executorService().isShutdown());
        assertSame(outbound.client(), outbound.get());
    }
}
