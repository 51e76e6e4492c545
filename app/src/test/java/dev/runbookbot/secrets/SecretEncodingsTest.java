package dev.runbookbot.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A secret printed encoded is masked like the secret itself, in every sink the Redactor serves. */
class SecretEncodingsTest {
    private static final String VALUE = "p@ss w0rd+/~*é";
    private final Redactor redactor = Redactor.of(List.of(new Secret("DB_PASSWORD", VALUE)));

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private void assertMasked(String leaked) {
        String redacted = redactor.redact("out: " + leaked + " end");
        assertTrue(redacted.contains("<secret:DB_PASSWORD>"), redacted);
        assertFalse(redacted.contains(leaked), redacted);
    }

    @Test
    void urlEncodedFormsAreMasked() {
        String form = URLEncoder.encode(VALUE, StandardCharsets.UTF_8);
        assertMasked(form);
        assertMasked(form.replace("+", "%20"));
        assertMasked(form.toLowerCase(java.util.Locale.ROOT).replace("p%40ss", "p%40ss"));
        assertEquals(
                "https://db.example/?password=<secret:DB_PASSWORD>&x=1",
                redactor.redact("https://db.example/?password=" + form + "&x=1"));
    }

    @Test
    void base64AndBase64UrlPaddedOrNotAreMaskedWhole() {
        String padded = b64(VALUE);
        assertEquals("<secret:DB_PASSWORD>", redactor.redact(padded));
        assertEquals("<secret:DB_PASSWORD>", redactor.redact(padded.replace("=", "")));
        String url = Base64.getUrlEncoder().encodeToString(VALUE.getBytes(StandardCharsets.UTF_8));
        assertEquals("<secret:DB_PASSWORD>", redactor.redact(url));
    }

    @Test
    void aBasicAuthHeaderOfUserColonSecretIsMaskedForAnyUserName() {
        for (String user : List.of("a", "ab", "abc", "deploy-bot", "svc")) {
            String header = "Authorization: Basic " + b64(user + ":" + VALUE);
            String redacted = redactor.redact(header);
            assertTrue(redacted.contains("<secret:DB_PASSWORD>"), user + ": " + redacted);
            String leftOver =
                    redacted.substring("Authorization: Basic ".length()).replace("<secret:DB_PASSWORD>", "");
            assertTrue(
                    leftOver.length() <= b64(user + ":").length() + 4,
                    "only the user part and the edge characters stay: " + redacted);
        }
    }

    @Test
    void hexInEitherCaseIsMasked() {
        String hex = HexFormat.of().formatHex(VALUE.getBytes(StandardCharsets.UTF_8));
        assertEquals("<secret:DB_PASSWORD>", redactor.redact(hex));
        assertEquals("<secret:DB_PASSWORD>", redactor.redact(hex.toUpperCase(java.util.Locale.ROOT)));
    }

    @Test
    void anEncodedFormSplitAcrossChunksIsStillMasked() {
        String leaked = "token=" + b64(VALUE) + "\n";
        for (int cut = 1; cut < leaked.length(); cut++) {
            StreamRedactor stream = redactor.stream();
            String out = stream.push(leaked.substring(0, cut)) + stream.push(leaked.substring(cut)) + stream.finish();
            assertEquals("token=<secret:DB_PASSWORD>\n", out, "cut at " + cut);
        }
    }

    @Test
    void theValueItselfAndShortFormsAreNotAddedTwice() {
        assertFalse(SecretEncodings.of("abcd").contains("abcd"));
        assertEquals(
                "Redactor[1 value]",
                Redactor.of(List.of(new Secret("k", "abcd"))).toString());
    }
}
