package dev.runbookbot.alert.pagerduty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbookbot.secrets.Secret;
import dev.runbookbot.testing.RecordedFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The known vector is go-pagerduty's (app/src/test/resources/fixtures/pagerduty/signature-test-vector*.json). */
class PagerDutySignatureVerifierTest {
    private static Secret secret;
    private static byte[] body;
    private static String validHeader;
    private static String mismatchHeader;

    @BeforeAll
    static void readVector() throws IOException {
        JsonNode vector = new ObjectMapper()
                .readTree(RecordedFixtures.root()
                        .resolve("pagerduty/signature-test-vector.json")
                        .toFile());
        secret = new Secret("pagerduty-current", vector.get("secret").asText());
        body = Files.readAllBytes(RecordedFixtures.root().resolve("pagerduty/signature-test-vector.body.json"));
        validHeader = vector.get("header_valid").asText();
        mismatchHeader = vector.get("header_mismatch").asText();
    }

    private static PagerDutySignatureVerifier verifier(Secret... secrets) {
        return new PagerDutySignatureVerifier(List.of(secrets));
    }

    @Test
    void acceptsTheKnownValidVector() {
        assertEquals(SignatureVerdict.VALID, verifier(secret).verify(body, Optional.of(validHeader)));
    }

    @Test
    void refusesTheKnownMismatchingVector() {
        assertEquals(SignatureVerdict.NO_MATCH, verifier(secret).verify(body, Optional.of(mismatchHeader)));
    }

    @Test
    void rotationAcceptsAnyV1ValueMatchingAnySecret() {
        Secret next = new Secret("pagerduty-next", "a-brand-new-secret-for-rotation");
        String nextSignature = "v1=" + hmacHex(next, body);
        // PagerDuty signs with the old and the new secret during a rotation.
        String both = validHeader + "," + nextSignature;
        assertEquals(SignatureVerdict.VALID, verifier(secret).verify(body, Optional.of(both)));
        assertEquals(SignatureVerdict.VALID, verifier(next).verify(body, Optional.of(both)));
        assertEquals(SignatureVerdict.VALID, verifier(secret, next).verify(body, Optional.of(both)));
        // Either order, spaces after commas, and only the new one once PagerDuty has switched.
        assertEquals(
                SignatureVerdict.VALID,
                verifier(secret, next).verify(body, Optional.of(nextSignature + ", " + validHeader)));
        assertEquals(SignatureVerdict.VALID, verifier(secret, next).verify(body, Optional.of(nextSignature)));
        assertEquals(SignatureVerdict.NO_MATCH, verifier(secret).verify(body, Optional.of(nextSignature)));
    }

    @Test
    void refusesAForgedBodyWithACopiedSignature() {
        byte[] forged = new String(body, StandardCharsets.UTF_8)
                .replace("\"urgency\":\"high\"", "\"urgency\":\"low\"")
                .getBytes(StandardCharsets.UTF_8);
        assertEquals(SignatureVerdict.NO_MATCH, verifier(secret).verify(forged, Optional.of(validHeader)));
        // One byte appended (a trailing newline) is a different body.
        byte[] newline = Arrays.copyOf(body, body.length + 1);
        newline[body.length] = '\n';
        assertEquals(SignatureVerdict.NO_MATCH, verifier(secret).verify(newline, Optional.of(validHeader)));
    }

    @Test
    void refusesASignatureMadeWithAnotherSecret() {
        Secret attacker = new Secret("guess", "not-the-secret");
        assertEquals(
                SignatureVerdict.NO_MATCH, verifier(secret).verify(body, Optional.of("v1=" + hmacHex(attacker, body))));
    }

    @Test
    void refusesMissingAndBlankHeaders() {
        assertEquals(SignatureVerdict.MISSING_HEADER, verifier(secret).verify(body, Optional.empty()));
        assertEquals(SignatureVerdict.MISSING_HEADER, verifier(secret).verify(body, Optional.of("  ")));
    }

    @Test
    void refusesAnEmptyBody() {
        assertEquals(SignatureVerdict.EMPTY_BODY, verifier(secret).verify(new byte[0], Optional.of(validHeader)));
    }

    @Test
    void refusesMalformedHeaders() {
        String hex = validHeader.substring(3);
        for (String header : List.of(
                hex, // no scheme
                "v1=", // no value
                "v1=" + hex.substring(2), // too short
                "v1=" + hex + "00", // too long
                "v1=" + hex.substring(0, 62) + "zz", // not hex
                "v0=" + hex, // only an unknown scheme
                "sha256=" + hex)) {
            assertEquals(SignatureVerdict.MALFORMED_HEADER, verifier(secret).verify(body, Optional.of(header)), header);
        }
        String tooMany = String.join(
                ",", java.util.Collections.nCopies(PagerDutySignatureVerifier.MAX_SIGNATURES + 1, validHeader));
        assertEquals(SignatureVerdict.MALFORMED_HEADER, verifier(secret).verify(body, Optional.of(tooMany)));
    }

    @Test
    void ignoresSchemesItDoesNotKnowNextToAValidV1() {
        assertEquals(
                SignatureVerdict.VALID,
                verifier(secret).verify(body, Optional.of("v2=whatever-comes-next," + validHeader)));
    }

    @Test
    void acceptsUpperCaseHex() {
        assertEquals(
                SignatureVerdict.VALID,
                verifier(secret)
                        .verify(
                                body,
                                Optional.of("v1=" + validHeader.substring(3).toUpperCase())));
    }

    @Test
    void withoutSecretsNothingIsAccepted() {
        assertEquals(SignatureVerdict.NO_SECRET_CONFIGURED, verifier().verify(body, Optional.of(validHeader)));
    }

    @Test
    void anEmptySecretIsAConfigurationError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> verifier(new Secret("pd", "")));
        assertEquals("PagerDuty signing secret 'pd' is empty", e.getMessage());
    }

    @Test
    void reasonsNeverShowASignatureOrTheSecret() {
        for (SignatureVerdict verdict : SignatureVerdict.values()) {
            assertEquals(-1, verdict.reason().indexOf(secret.reveal()));
            assertEquals(-1, verdict.reason().indexOf(validHeader.substring(3)));
        }
    }

    static String hmacHex(Secret key, byte[] bytes) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(bytes));
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }
}
