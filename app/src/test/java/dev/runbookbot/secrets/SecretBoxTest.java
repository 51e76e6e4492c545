package dev.runbookbot.secrets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.testing.TestKeys;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** AES-256-GCM sealing: round trips, the envelope layout, and a clear error for every way opening can fail. */
class SecretBoxTest {
    private final SecureRandom random = new SecureRandom();
    private final SecretBox underA = new SecretBox(MasterKeys.of(TestKeys.a()), random);

    @Test
    void roundTripsAnyText() {
        for (String value : new String[] {
            "hunter22",
            "p@ss+++w0rd$1\\Q",
            "Grüße, 密码, 🔑 emoji",
            "-----BEGIN KEY-----\nMIIB\n-----END KEY-----\n",
            "x".repeat(SecretRules.MAX_VALUE_BYTES)
        }) {
            SealedValue sealed = underA.seal("db-password", value);
            assertEquals(TestKeys.A_ID, sealed.keyId());
            Secret opened = underA.open("db-password", sealed.text());
            assertEquals("db-password", opened.name());
            assertEquals(value, opened.reveal());
        }
    }

    @Test
    void theEnvelopeIsVersionKeyIdIvCiphertextAndTag() throws Exception {
        String value = "correct horse battery staple";
        byte[] envelope =
                Base64.getDecoder().decode(underA.seal("db-password", value).text());
        assertEquals(1, envelope[0], "format version");
        assertEquals(TestKeys.A_ID, "k-" + HexFormat.of().formatHex(envelope, 1, 5));
        int plaintextLength = value.getBytes(StandardCharsets.UTF_8).length;
        assertEquals(1 + 4 + 12 + plaintextLength + 16, envelope.length);

        // Decrypt independently with the documented layout and AAD, to pin the format down.
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(
                Cipher.DECRYPT_MODE,
                new SecretKeySpec(TestKeys.a().bytes(), "AES"),
                new GCMParameterSpec(128, Arrays.copyOfRange(envelope, 5, 17)));
        cipher.updateAAD(Arrays.copyOfRange(envelope, 0, 5));
        cipher.updateAAD("secret:db-password".getBytes(StandardCharsets.UTF_8));
        byte[] plaintext = cipher.doFinal(envelope, 17, envelope.length - 17);
        assertArrayEquals(value.getBytes(StandardCharsets.UTF_8), plaintext);
    }

    @Test
    void everyEncryptionDrawsAFreshIv() {
        Set<String> ivs = new HashSet<>();
        Set<String> texts = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String text = underA.seal("db-password", "same value").text();
            texts.add(text);
            ivs.add(HexFormat.of().formatHex(Base64.getDecoder().decode(text), 5, 17));
        }
        assertEquals(200, ivs.size());
        assertEquals(200, texts.size());
    }

    @Test
    void flippingAnyByteOfIvCiphertextOrTagIsDetected() {
        String text = underA.seal("db-password", "hunter22-long-enough").text();
        byte[] envelope = Base64.getDecoder().decode(text);
        for (int i = 5; i < envelope.length; i++) {
            byte[] tampered = envelope.clone();
            tampered[i] ^= 0x01;
            String tamperedText = Base64.getEncoder().encodeToString(tampered);
            SecretException e =
                    assertThrows(SecretException.class, () -> underA.open("db-password", tamperedText), "byte " + i);
            assertEquals(
                    "secret 'db-password' failed its integrity check under key " + TestKeys.A_ID
                            + ": the stored ciphertext was altered or copied from another secret's row; nothing was"
                            + " decrypted. Set it again: runbookctl secret set db-password",
                    e.getMessage());
        }
    }

    @Test
    void aCiphertextMovedToAnotherRowDoesNotDecrypt() {
        String sealedForDb = underA.seal("db-password", "hunter22-long-enough").text();
        SecretException e = assertThrows(SecretException.class, () -> underA.open("api-token", sealedForDb));
        assertEquals(
                "secret 'api-token' failed its integrity check under key " + TestKeys.A_ID
                        + ": the stored ciphertext was altered or copied from another secret's row; nothing was"
                        + " decrypted. Set it again: runbookctl secret set api-token",
                e.getMessage());
    }

    @Test
    void aHeaderEditIsNamedNotDecrypted() {
        byte[] envelope = Base64.getDecoder()
                .decode(underA.seal("db-password", "hunter22").text());
        byte[] version = envelope.clone();
        version[0] = 7;
        SecretException v = assertThrows(
                SecretException.class,
                () -> underA.open("db-password", Base64.getEncoder().encodeToString(version)));
        assertEquals(
                "secret 'db-password' is stored in envelope format 7, which this runbook-bot does not know (it knows"
                        + " 1); use the runbook-bot version that wrote it",
                v.getMessage());

        // A key id edited to name another configured key: the header is authenticated, so it fails the check.
        SecretBox both = new SecretBox(MasterKeys.rotating(TestKeys.b(), TestKeys.a()), random);
        byte[] relabelled = envelope.clone();
        System.arraycopy(HexFormat.of().parseHex(TestKeys.B_ID.substring(2)), 0, relabelled, 1, 4);
        SecretException k = assertThrows(
                SecretException.class,
                () -> both.open("db-password", Base64.getEncoder().encodeToString(relabelled)));
        assertTrue(
                k.getMessage().startsWith("secret 'db-password' failed its integrity check under key " + TestKeys.B_ID),
                k.getMessage());
    }

    @Test
    void theWrongKeyIsNamedWithBothIds() {
        String sealed = underA.seal("db-password", "hunter22").text();
        SecretBox underB = new SecretBox(MasterKeys.of(TestKeys.b()), random);
        SecretException e = assertThrows(SecretException.class, () -> underB.open("db-password", sealed));
        assertEquals(
                "secret 'db-password' was encrypted with key " + TestKeys.A_ID + ", but the configured key is "
                        + TestKeys.B_ID
                        + ": set the old key as RUNBOOK_MASTER_KEY_PREVIOUS and rotate (runbookctl secret rotate-key),"
                        + " or set the secret again",
                e.getMessage());

        SecretBox bAndC = new SecretBox(MasterKeys.rotating(TestKeys.b(), TestKeys.c()), random);
        SecretException rotating = assertThrows(SecretException.class, () -> bAndC.open("db-password", sealed));
        assertEquals(
                "secret 'db-password' was encrypted with key " + TestKeys.A_ID + ", but the configured keys are "
                        + TestKeys.B_ID + " (RUNBOOK_MASTER_KEY) and " + TestKeys.C_ID
                        + " (RUNBOOK_MASTER_KEY_PREVIOUS): set the key it was encrypted with as"
                        + " RUNBOOK_MASTER_KEY_PREVIOUS",
                rotating.getMessage());

        SecretBox noKey = new SecretBox(MasterKeys.none(), random);
        SecretException none = assertThrows(SecretException.class, () -> noKey.open("db-password", sealed));
        assertEquals(
                "secret 'db-password' was encrypted with key " + TestKeys.A_ID + ", but no master key is configured:"
                        + " set that key as RUNBOOK_MASTER_KEY (or RUNBOOK_MASTER_KEY_FILE)",
                none.getMessage());
        SecretException cannotSeal = assertThrows(SecretException.class, () -> noKey.seal("db-password", "hunter22"));
        assertEquals(
                "cannot encrypt secret 'db-password': no master key is configured; set RUNBOOK_MASTER_KEY (openssl rand"
                        + " -base64 32) or RUNBOOK_MASTER_KEY_FILE",
                cannotSeal.getMessage());
    }

    @Test
    void thePreviousKeyDecryptsAndResealMovesToTheCurrentOne() {
        String underOld = underA.seal("db-password", "hunter22").text();
        SecretBox rotating = new SecretBox(MasterKeys.rotating(TestKeys.b(), TestKeys.a()), random);
        assertEquals("hunter22", rotating.open("db-password", underOld).reveal());
        SealedValue resealed = rotating.reseal("db-password", underOld);
        assertEquals(TestKeys.B_ID, resealed.keyId());
        assertEquals(TestKeys.B_ID, SecretBox.keyIdOf("db-password", resealed.text()));
        assertNotEquals(underOld, resealed.text());
        SecretBox onlyNew = new SecretBox(MasterKeys.of(TestKeys.b()), random);
        assertEquals("hunter22", onlyNew.open("db-password", resealed.text()).reveal());
    }

    @Test
    void textThatIsNotAnEnvelopeIsNamed() {
        SecretException notBase64 = assertThrows(SecretException.class, () -> underA.open("db-password", "hunter22!"));
        assertEquals(
                "the stored value of secret 'db-password' is not a runbook-bot ciphertext (it is not base64); set it"
                        + " again: runbookctl secret set db-password",
                notBase64.getMessage());
        SecretException tooShort = assertThrows(SecretException.class, () -> underA.open("db-password", "AQID"));
        assertEquals(
                "the stored value of secret 'db-password' is not a runbook-bot ciphertext (it is 3 bytes, shorter than"
                        + " any envelope); set it again: runbookctl secret set db-password",
                tooShort.getMessage());
    }
}
