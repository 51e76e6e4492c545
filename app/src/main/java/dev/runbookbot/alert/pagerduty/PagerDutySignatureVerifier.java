package dev.runbookbot.alert.pagerduty;

import dev.runbookbot.secrets.Secret;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies {@code X-PagerDuty-Signature} (PagerDuty developer docs, webhooks "Signatures"): the header holds one or
 * more comma-separated {@code v1=<hex>} values, each HMAC-SHA256 of the raw body under one of the subscription's
 * secrets; during a rotation there are several. A request is accepted when any {@code v1} value matches any configured
 * secret (we may hold the old and the new one too). The HMAC is computed over the body bytes exactly as received,
 * never over re-serialised JSON, and compared with {@link MessageDigest#isEqual}, whose time does not depend on where
 * the bytes differ. Entries with another scheme ({@code v2=...}) are ignored so a future scheme does not break us; a
 * header with more than {@value #MAX_SIGNATURES} entries is refused as malformed.
 *
 * <p>The signature carries no timestamp: replays are stopped by the delivery log (deduplication on {@code
 * X-Webhook-Id}) together with {@link FreshnessCheck}. Immutable and thread-safe.
 */
public final class PagerDutySignatureVerifier {
    public static final String HEADER = "X-PagerDuty-Signature";
    static final int MAX_SIGNATURES = 16;
    private static final int SIGNATURE_BYTES = 32;

    private final List<Secret> secrets;

    public PagerDutySignatureVerifier(List<Secret> secrets) {
        for (Secret secret : secrets) {
            if (secret.reveal().isEmpty()) {
                throw new IllegalArgumentException("PagerDuty signing secret '" + secret.name() + "' is empty");
            }
        }
        this.secrets = List.copyOf(secrets);
    }

    /** Checks {@code header} (the raw header value, if any) against the body bytes. */
    public SignatureVerdict verify(byte[] body, Optional<String> header) {
        if (secrets.isEmpty()) {
            return SignatureVerdict.NO_SECRET_CONFIGURED;
        }
        if (header.isEmpty() || header.get().isBlank()) {
            return SignatureVerdict.MISSING_HEADER;
        }
        if (body.length == 0) {
            return SignatureVerdict.EMPTY_BODY;
        }
        Optional<List<byte[]>> presented = signatures(header.get());
        if (presented.isEmpty()) {
            return SignatureVerdict.MALFORMED_HEADER;
        }
        boolean matched = false;
        for (Secret secret : secrets) {
            byte[] expected = hmac(secret, body);
            for (byte[] signature : presented.get()) {
                matched |= MessageDigest.isEqual(expected, signature);
            }
        }
        return matched ? SignatureVerdict.VALID : SignatureVerdict.NO_MATCH;
    }

    /** The {@code v1} signatures of a header; empty when there is none or the header is malformed. */
    static Optional<List<byte[]>> signatures(String header) {
        String[] entries = header.split(",", -1);
        if (entries.length > MAX_SIGNATURES) {
            return Optional.empty();
        }
        List<byte[]> signatures = new ArrayList<>();
        for (String entry : entries) {
            String trimmed = entry.trim();
            if (!trimmed.startsWith("v1=")) {
                continue;
            }
            String hex = trimmed.substring(3);
            if (hex.length() != SIGNATURE_BYTES * 2 || !hex.chars().allMatch(HexFormat::isHexDigit)) {
                return Optional.empty();
            }
            signatures.add(HexFormat.of().parseHex(hex));
        }
        return signatures.isEmpty() ? Optional.empty() : Optional.of(signatures);
    }

    private static byte[] hmac(Secret secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable for secret '" + secret.name() + "'", e);
        }
    }
}
