package dev.runbookbot.slack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Whether the Web API's host can be reached at all, asked before the first call so that a machine without network
 * hears so at once, with the URL: a name that does not resolve, a resolver that does not answer within the deadline,
 * a connection refused or without a route. The HTTP client would otherwise spend its whole call timeout (10 s) on a
 * resolver or a route that never answers. Only resolves the host and opens (and closes) one TCP connection; no request
 * is sent.
 */
final class SlackReachability {
    /** Resolves a host name; {@link InetAddress#getAllByName} outside unit tests. */
    @FunctionalInterface
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final Resolver resolver;
    private final Duration deadline;

    SlackReachability(Resolver resolver, Duration deadline) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.deadline = Objects.requireNonNull(deadline, "deadline");
    }

    /** The system's resolver, with a deadline for each of the two steps. */
    static SlackReachability system(Duration deadline) {
        return new SlackReachability(InetAddress::getAllByName, deadline);
    }

    /**
     * @throws SlackStartupException naming the URL and what failed
     */
    void check(URI apiBaseUrl) {
        String host = apiBaseUrl.getHost();
        int port = apiBaseUrl.getPort() >= 0
                ? apiBaseUrl.getPort()
                : "https".equals(apiBaseUrl.getScheme().toLowerCase(Locale.ROOT)) ? 443 : 80;
        InetAddress[] addresses = resolve(apiBaseUrl, host);
        IOException last = null;
        for (InetAddress address : addresses) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(address, port), Math.toIntExact(deadline.toMillis()));
                return;
            } catch (IOException e) {
                last = e;
            }
        }
        String reason = last == null ? "no address" : String.valueOf(last.getMessage());
        throw SlackStartupException.unreachable(
                apiBaseUrl.toString(), "connecting to " + host + " port " + port + " failed: " + reason, last);
    }

    private InetAddress[] resolve(URI apiBaseUrl, String host) {
        CompletableFuture<InetAddress[]> lookup = new CompletableFuture<>();
        Thread thread = new Thread(
                () -> {
                    try {
                        lookup.complete(resolver.resolve(host));
                    } catch (UnknownHostException | RuntimeException e) {
                        lookup.completeExceptionally(e);
                    }
                },
                "slack-dns-check");
        thread.setDaemon(true);
        thread.start();
        try {
            return lookup.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw SlackStartupException.unreachable(
                    apiBaseUrl.toString(),
                    "the name " + host + " does not resolve (DNS: "
                            + e.getCause().getMessage() + ")",
                    e.getCause());
        } catch (TimeoutException e) {
            throw SlackStartupException.unreachable(
                    apiBaseUrl.toString(),
                    "DNS gave no answer for " + host + " within " + deadline.toMillis() + " ms",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SlackStartupException.unreachable(apiBaseUrl.toString(), "interrupted while resolving " + host, e);
        }
    }
}
