package dev.runbookbot.diagnose.fetch;

import dev.runbookbot.diagnose.FailureKind;

/**
 * A request that produced no HTTP response: it timed out, could not connect, failed the TLS handshake, or was
 * cancelled. {@link #reason()} reads as the end of a sentence whose subject is the target, for example "did not answer
 * within 5s" or "refused the connection". {@link #isTlsFailure()} tells a certificate or handshake problem apart.
 */
public final class FetchFailure extends Exception {
    private static final long serialVersionUID = 1L;
    private final FailureKind kind;
    private final String reason;
    private final boolean tlsFailure;

    public FetchFailure(FailureKind kind, String reason, boolean tlsFailure, Throwable cause) {
        super(reason, cause);
        this.kind = kind;
        this.reason = reason;
        this.tlsFailure = tlsFailure;
    }

    public FailureKind kind() {
        return kind;
    }

    public String reason() {
        return reason;
    }

    public boolean isTlsFailure() {
        return tlsFailure;
    }

    /**
     * Whether nothing on the network answered at all: the host name did not resolve, there was no route to it (the
     * bot's machine has no network), or the connection attempt timed out. Such a failure says something about the
     * bot's own network as much as about the target. A refused connection is not silence: the target host's own
     * kernel answered that nothing listens on the port.
     */
    public boolean isNetworkSilence() {
        return FailureClassifier.isNetworkSilence(getCause());
    }
}
