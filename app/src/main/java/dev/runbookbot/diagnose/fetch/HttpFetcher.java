package dev.runbookbot.diagnose.fetch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Handshake;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;

/**
 * Runs requests through the bot's shared {@code OkHttpClient} with a per-call time budget and a cap on the body read.
 * The client is derived once, on the first request, with {@code newBuilder()} with redirects off, so it shares the
 * connection pool and the dispatcher, whose threads do the network I/O; callers only wait. It builds no thread pool of
 * its own, and asks for the shared client only when it first sends something (lint builds fetchers and sends nothing).
 * Thread-safe.
 */
public final class HttpFetcher {
    private final DerivedClient client;

    /** @param shared the bot's shared client, asked for on the first request */
    public HttpFetcher(Supplier<OkHttpClient> shared) {
        this.client = new DerivedClient(shared, c -> c.newBuilder()
                .followRedirects(false)
                .followSslRedirects(false)
                .build());
    }

    public HttpFetcher(OkHttpClient shared) {
        this(() -> shared);
    }

    /** Starts {@code request}; it must finish, body included, within {@code timeout}. */
    public PendingFetch start(Request request, Duration timeout, long maxBodyBytes) {
        OkHttpClient base = client.get();
        Duration connect = base.connectTimeoutMillis() > 0 && base.connectTimeoutMillis() < timeout.toMillis()
                ? Duration.ofMillis(base.connectTimeoutMillis())
                : timeout;
        OkHttpClient perCall = base.newBuilder()
                .callTimeout(timeout)
                .connectTimeout(connect)
                .readTimeout(timeout)
                .writeTimeout(timeout)
                .build();
        Call call = perCall.newCall(request);
        CompletableFuture<FetchedResponse> result = new CompletableFuture<>();
        long started = System.nanoTime();
        PendingFetch pending = new PendingFetch(call, result, timeout, started);
        call.enqueue(new Callback() {
            @Override
            public void onFailure(Call failed, IOException e) {
                result.completeExceptionally(e);
            }

            @Override
            public void onResponse(Call done, Response response) {
                try (response) {
                    result.complete(read(response, maxBodyBytes, started));
                } catch (IOException | RuntimeException e) {
                    result.completeExceptionally(e);
                }
            }
        });
        return pending;
    }

    /** Runs {@code request} and waits for it; see {@link #start} and {@link PendingFetch#await()}. */
    public FetchedResponse fetch(Request request, Duration timeout, long maxBodyBytes) throws FetchFailure {
        return start(request, timeout, maxBodyBytes).await();
    }

    private static FetchedResponse read(Response response, long maxBodyBytes, long started) throws IOException {
        ResponseBody body = response.body();
        Buffer buffer = new Buffer();
        boolean truncated = false;
        Optional<String> contentType = Optional.empty();
        if (body != null) {
            MediaType type = body.contentType();
            contentType = Optional.ofNullable(type).map(MediaType::toString);
            BufferedSource source = body.source();
            while (buffer.size() <= maxBodyBytes) {
                if (source.read(buffer, 8192) == -1) {
                    break;
                }
            }
            truncated = buffer.size() > maxBodyBytes;
        }
        String text = buffer.readString(Math.min(buffer.size(), maxBodyBytes), StandardCharsets.UTF_8);
        Handshake handshake = response.handshake();
        List<X509Certificate> chain = handshake == null
                ? List.of()
                : handshake.peerCertificates().stream()
                        .filter(X509Certificate.class::isInstance)
                        .map(X509Certificate.class::cast)
                        .toList();
        return new FetchedResponse(
                response.code(),
                response.message(),
                contentType,
                text,
                truncated,
                chain,
                Duration.ofNanos(System.nanoTime() - started));
    }
}
