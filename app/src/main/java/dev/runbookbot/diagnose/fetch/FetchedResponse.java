package dev.runbookbot.diagnose.fetch;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * An HTTP response read up to a cap. {@code body} is the UTF-8 text of at most the cap's bytes; {@code truncated} says
 * more was sent (the rest was not read). {@code peerCertificates} is the chain the server presented for HTTPS, leaf
 * first, and empty for plain HTTP. {@code elapsed} runs from the start of the call to the end of reading the body.
 */
public record FetchedResponse(
        int code,
        String message,
        Optional<String> contentType,
        String body,
        boolean truncated,
        List<X509Certificate> peerCertificates,
        Duration elapsed) {
    public FetchedResponse {
        peerCertificates = List.copyOf(peerCertificates);
    }

    public boolean isSuccessful() {
        return code >= 200 && code < 300;
    }

    /** The first line of the body, without control characters, at most {@code max} characters: for messages. */
    public String bodySnippet(int max) {
        String text = body.strip();
        int newline = text.indexOf('\n');
        if (newline >= 0) {
            text = text.substring(0, newline).strip();
        }
        StringBuilder sb = new StringBuilder();
        text.codePoints().filter(c -> !Character.isISOControl(c)).forEach(sb::appendCodePoint);
        return sb.length() > max ? sb.substring(0, max) + "..." : sb.toString();
    }

    @Override
    public String toString() {
        return "FetchedResponse[code=" + code + ", chars=" + body.length() + ", truncated=" + truncated + "]";
    }
}
