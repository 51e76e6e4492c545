package dev.runbookbot.runtime;

import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/**
 * The bot's one {@link OkHttpClient} for every outbound call (Prometheus, Loki, {@code http_check}, {@code
 * http_request}, PagerDuty), with its one connection pool and its one dispatcher. Adapters receive the client by
 * constructor and derive per-call settings (timeouts, redirects, extra trust) with {@code newBuilder()}, which shares
 * the pool and the dispatcher; none builds a client or a thread pool of its own.
 *
 * <p>The dispatcher's {@code http-io-*} daemon threads do the network I/O of asynchronous calls (callers only wait, so
 * interrupting a waiting step cancels its request at once); idle ones end after 60 s. At most {@value #MAX_REQUESTS}
 * calls run at once, {@value #MAX_REQUESTS_PER_HOST} to one host: a runbook that probes many URLs of one service in
 * parallel is not queued behind okhttp's default of 5. {@link #close()} stops the threads and the idle connections.
 */
public final class OutboundHttp implements AutoCloseable {
    static final int MAX_REQUESTS = 128;
    static final int MAX_REQUESTS_PER_HOST = 32;

    private final OkHttpClient client;

    public OutboundHttp() {
        ThreadPoolExecutor io = new ThreadPoolExecutor(
                0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), new NamedThreads("http-io"));
        Dispatcher dispatcher = new Dispatcher(io);
        dispatcher.setMaxRequests(MAX_REQUESTS);
        dispatcher.setMaxRequestsPerHost(MAX_REQUESTS_PER_HOST);
        this.client = new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool())
                .build();
    }

    /** The shared client; derive from it with {@code newBuilder()}, never build another. */
    public OkHttpClient client() {
        return client;
    }

    @Override
    public void close() {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }
}
