package dev.runbookbot.diagnose.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;

/**
 * The platform's CAs plus the CA certificates of a PEM file (for internal CAs), read once when the executor is built
 * (so an unreadable file stops the start), and applied to the shared client when the executor first sends a request;
 * normal validation (dates, chain, host name) stays on.
 */
record ExtraTrust(SSLSocketFactory socketFactory, X509TrustManager trustManager) {
    /** A client derived from {@code client} that trusts these CAs. */
    OkHttpClient appliedTo(OkHttpClient client) {
        return client.newBuilder().sslSocketFactory(socketFactory, trustManager).build();
    }

    static ExtraTrust read(Path pemFile) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            for (X509Certificate platform : platformTrustManager().getAcceptedIssuers()) {
                store.setCertificateEntry("platform-" + n++, platform);
            }
            Collection<? extends Certificate> extra;
            try (InputStream in = Files.newInputStream(pemFile)) {
                extra = CertificateFactory.getInstance("X.509").generateCertificates(in);
            }
            if (extra.isEmpty()) {
                throw new IllegalArgumentException("no certificate in " + pemFile);
            }
            for (Certificate certificate : extra) {
                store.setCertificateEntry("extra-" + n++, certificate);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            X509TrustManager trustManager = x509(factory.getTrustManagers());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trustManager}, null);
            return new ExtraTrust(context.getSocketFactory(), trustManager);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    "cannot read trusted certificates from " + pemFile + ": " + e.getMessage(), e);
        }
    }

    private static X509TrustManager platformTrustManager() throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        return x509(factory.getTrustManagers());
    }

    private static X509TrustManager x509(TrustManager[] managers) {
        for (TrustManager m : managers) {
            if (m instanceof X509TrustManager x) {
                return x;
            }
        }
        throw new IllegalStateException("no X509TrustManager available");
    }
}
