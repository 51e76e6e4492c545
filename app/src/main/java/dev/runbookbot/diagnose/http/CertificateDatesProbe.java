package dev.runbookbot.diagnose.http;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import okhttp3.Dns;

/**
 * Reads the certificate chain a server presents when the real request failed its TLS handshake, so an expired (or
 * otherwise rejected) certificate still has a known expiry date: an expired certificate is exactly the incident this
 * check must be able to name.
 *
 * <p>It opens a second connection and starts a TLS handshake with a trust manager that only records the chain and then
 * refuses it, so the handshake always aborts: no request is ever sent over this connection, nothing is trusted, and
 * nothing is read but the certificates. The real request never uses this trust manager.
 */
final class CertificateDatesProbe {
    private final Supplier<Dns> dns;

    CertificateDatesProbe(Supplier<Dns> dns) {
        this.dns = dns;
    }

    /** The chain {@code host:port} presents, leaf first; empty if it could not be read within {@code timeout}. */
    Optional<List<X509Certificate>> presentedChain(String host, int port, Duration timeout) {
        if (timeout.isZero() || timeout.isNegative()) {
            return Optional.empty();
        }
        AtomicReference<X509Certificate[]> seen = new AtomicReference<>();
        int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new RecordingTrustManager(seen)}, null);
            InetAddress address = dns.get().lookup(host).get(0);
            try (Socket plain = new Socket()) {
                plain.connect(new InetSocketAddress(address, port), millis);
                plain.setSoTimeout(millis);
                try (SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, false)) {
                    if (!isIpLiteral(host)) {
                        SSLParameters parameters = tls.getSSLParameters();
                        parameters.setServerNames(List.of(new SNIHostName(host)));
                        tls.setSSLParameters(parameters);
                    }
                    tls.startHandshake();
                } catch (IOException expected) {
                    // The recording trust manager refuses every chain, so the handshake always ends here.
                }
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            return Optional.ofNullable(seen.get()).map(List::of);
        }
        return Optional.ofNullable(seen.get()).map(List::of);
    }

    private static boolean isIpLiteral(String host) {
        return host.contains(":") || host.matches("[0-9.]+");
    }

    /** Records the server's chain and refuses it; never used for a connection that carries a request. */
    private static final class RecordingTrustManager extends X509ExtendedTrustManager {
        private final AtomicReference<X509Certificate[]> seen;

        RecordingTrustManager(AtomicReference<X509Certificate[]> seen) {
            this.seen = seen;
        }

        private void record(X509Certificate[] chain) throws CertificateException {
            seen.set(chain.clone());
            throw new CertificateException("certificate dates read; this handshake is stopped on purpose");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            record(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            record(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            record(chain);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("not a server");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            throw new CertificateException("not a server");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            throw new CertificateException("not a server");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
