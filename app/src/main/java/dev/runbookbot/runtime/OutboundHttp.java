package dev.runbookbot.runtime;

import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/**
 * The bot's one {@link OkHttpClient} for every outbound call (Prometheus, Loki, {@code http_check}, {@code
 * http_request}, PagerDuty), with its one connection pool and its one dispatcher. Adapters receive it by constructor,
 * as a {@link Supplier} they call when they first send something, and derive per-call settings (timeouts, redirects,
 * extra trust) with {@code newBuilder()}, which shares the pool and the dispatcher; none builds a client or a thread
 * pool of its own.
 *
 * <p>The client is built on first use: building one loads okhttp, Kotlin and the platform's trust store, which {@code
 * runbookctl lint} never needs and the bot needs only when a step first reaches out.
 *
 * <p>The dispatcher's {@code http-io-*} daemon threads do the network I/O of asynchronous calls (callers only wait, so
 * interrupting a waiting step cancels its request at once); idle ones end after 60 s. At most {@value #MAX_REQUESTS}
 * calls run at once, {@value #MAX_REQUESTS_PER_HOST} to one host: a runbook that probes many URLs of one service in
 * parallel is not queued behind okhttp's default of 5. {@link #close()} stops the threads and the idle connections.
 * Thread-safe.
 */
public final class OutboundHttp implements AutoCloseable, Supplier<OkHttpClient> {
    static final int MAX_REQUESTS = 128;
    static final int MAX_REQUESTS_PER_HOST = 32;

    private OkHttpClient client;
    private boolean closed;

    /** The shared client, built on the first call; derive from it with {@code newBuilder()}, never build another. */
    public synchronized OkHttpClient client() {
        if (client == null) {
            client = build();
            if (closed) {
                release(client); // a call after close() fails rather than leaves the machine
            }
        }
        return client;
    }

    /** The same as {@link #client()}: what adapters are given. */
    @Override
    public OkHttpClient get() {
        return client();
    }

    private static OkHttpClient build() {
        ThreadPoolExecutor io = new ThreadPoolExecutor(
                0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), new NamedThreads("http-io"));
        Dispatcher dispatcher = new Dispatcher(io);
        dispatcher.setMaxRequests(MAX_REQUESTS);
        dispatcher.setMaxRequestsPerHost(MAX_REQUESTS_PER_HOST);
        return new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool())
                .build();
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (client != null) {
            release(client);
        }
    }

    private static void release(OkHttpClient client) {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }
}
