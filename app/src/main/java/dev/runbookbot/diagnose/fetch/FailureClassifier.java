package dev.runbookbot.diagnose.fetch;

import dev.runbookbot.diagnose.FailureKind;
import dev.runbookbot.text.DurationText;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.time.Duration;
import java.util.Locale;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;

/** Turns an exception from okhttp into a classified {@link FetchFailure} with a reason a person can act on. */
final class FailureClassifier {
    private FailureClassifier() {}

    static FetchFailure classify(Throwable t, Duration timeout) {
        String within = DurationText.format(timeout);
        if (find(t, SSLException.class) != null) {
            return new FetchFailure(FailureKind.UNREACHABLE, "failed the TLS handshake: " + tlsReason(t), true, t);
        }
        if (find(t, UnknownHostException.class) != null) {
            return new FetchFailure(
                    FailureKind.UNREACHABLE, "could not be found (DNS lookup of the host name failed)", false, t);
        }
        SocketTimeoutException socketTimeout = find(t, SocketTimeoutException.class);
        if (socketTimeout != null
                && String.valueOf(socketTimeout.getMessage())
                        .toLowerCase(Locale.ROOT)
                        .contains("connect")) {
            return new FetchFailure(FailureKind.UNREACHABLE, "could not be connected to within " + within, false, t);
        }
        if (find(t, ConnectException.class) != null || find(t, NoRouteToHostException.class) != null) {
            return new FetchFailure(
                    FailureKind.UNREACHABLE, "could not be connected to (" + rootMessage(t) + ")", false, t);
        }
        if (t instanceof InterruptedIOException || socketTimeout != null) {
            return new FetchFailure(FailureKind.TIMEOUT, "did not answer within " + within, false, t);
        }
        if (find(t, ProtocolException.class) != null) {
            return new FetchFailure(
                    FailureKind.BAD_RESPONSE, "sent a response that is not valid HTTP: " + rootMessage(t), false, t);
        }
        if (t instanceof java.io.IOException) {
            return new FetchFailure(FailureKind.UNREACHABLE, "connection failed: " + rootMessage(t), false, t);
        }
        return new FetchFailure(FailureKind.INTERNAL, "request failed inside the bot: " + t, false, t);
    }

    /** See {@link FetchFailure#isNetworkSilence()}. */
    static boolean isNetworkSilence(Throwable t) {
        if (t == null) {
            return false;
        }
        if (find(t, UnknownHostException.class) != null || find(t, NoRouteToHostException.class) != null) {
            return true;
        }
        ConnectException connect = find(t, ConnectException.class);
        if (connect != null) {
            String message = String.valueOf(connect.getMessage()).toLowerCase(Locale.ROOT);
            return message.contains("unreachable") || message.contains("no route");
        }
        SocketTimeoutException timeout = find(t, SocketTimeoutException.class);
        return timeout != null
                && String.valueOf(timeout.getMessage()).toLowerCase(Locale.ROOT).contains("connect");
    }

    private static String tlsReason(Throwable t) {
        if (find(t, CertificateExpiredException.class) != null || chainMentions(t, "validity check failed")) {
            return "the certificate has expired";
        }
        if (find(t, CertificateNotYetValidException.class) != null) {
            return "the certificate is not valid yet";
        }
        SSLPeerUnverifiedException unverified = find(t, SSLPeerUnverifiedException.class);
        if (unverified != null) {
            return "the certificate does not match the host name";
        }
        if (chainMentions(t, "unable to find valid certification path")) {
            return "the certificate is not trusted (unknown issuer or self-signed)";
        }
        return rootMessage(t);
    }

    private static boolean chainMentions(Throwable t, String text) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (String.valueOf(c.getMessage()).contains(text)) {
                return true;
            }
        }
        return false;
    }

    static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return null;
    }
}
