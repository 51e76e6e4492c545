package dev.runbookbot.secrets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.runbookbot.testing.TestKeys;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Parsing master keys: ids, clear errors that never echo key text, and a key that does not print. */
class MasterKeyTest {
    @Test
    void parsesBase64Of32BytesAndDerivesTheId() {
        MasterKey a = MasterKey.parse(TestKeys.A_BASE64, "RUNBOOK_MASTER_KEY");
        assertEquals(TestKeys.A_ID, a.id());
        byte[] expected = new byte[32];
        for (int i = 0; i < 32; i++) {
            expected[i] = (byte) i;
        }
        assertArrayEquals(expected, a.bytes());
        assertEquals(TestKeys.B_ID, TestKeys.b().id());
        assertEquals(TestKeys.C_ID, TestKeys.c().id());
    }

    @Test
    void toleratesTheWhitespaceAroundAKeyFilesContent() {
        assertEquals(
                TestKeys.A_ID,
                MasterKey.parse("  " + TestKeys.A_BASE64 + "\n", "key file k").id());
        assertEquals(
                TestKeys.A_ID,
                MasterKey.parse(TestKeys.A_BASE64.replace("=", ""), "RUNBOOK_MASTER_KEY")
                        .id());
    }

    @Test
    void aWrongLengthSaysHowManyBytesAndHowToMakeOne() {
        String seventeen = Base64.getEncoder().encodeToString(new byte[17]);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> MasterKey.parse(seventeen, "RUNBOOK_MASTER_KEY"));
        assertEquals(
                "RUNBOOK_MASTER_KEY must be base64 of 32 bytes (openssl rand -base64 32); got 17 bytes",
                e.getMessage());
        IllegalArgumentException one =
                assertThrows(IllegalArgumentException.class, () -> MasterKey.parse("AA==", "key file /etc/k"));
        assertEquals(
                "key file /etc/k must be base64 of 32 bytes (openssl rand -base64 32); got 1 byte", one.getMessage());
        IllegalArgumentException empty =
                assertThrows(IllegalArgumentException.class, () -> MasterKey.parse("  \n", "RUNBOOK_MASTER_KEY"));
        assertEquals(
                "RUNBOOK_MASTER_KEY must be base64 of 32 bytes (openssl rand -base64 32); got 0 bytes",
                empty.getMessage());
    }

    @Test
    void textThatIsNotBase64IsRefusedWithoutQuotingIt() {
        String hexKey = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a0-";
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> MasterKey.parse(hexKey, "RUNBOOK_MASTER_KEY"));
        assertEquals(
                "RUNBOOK_MASTER_KEY must be base64 of 32 bytes (openssl rand -base64 32); it is not base64",
                e.getMessage());
        assertFalse(e.getMessage().contains("2d"), "the decoder's own message names the bad character");
    }

    @Test
    void neverPrintsItsBytesAndHandsOutCopies() {
        MasterKey a = TestKeys.a();
        assertEquals("MasterKey[" + TestKeys.A_ID + "]", a.toString());
        byte[] copy = a.bytes();
        copy[0] = 99;
        assertEquals(0, a.bytes()[0]);
        assertEquals(TestKeys.a(), a);
        assertNotEquals(TestKeys.b(), a);
    }

    @Test
    void anIdMustBelongToItsKey() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new MasterKey(TestKeys.B_ID, TestKeys.a().bytes()));
        assertEquals("key id " + TestKeys.B_ID + " does not belong to this key", e.getMessage());
    }

    @Test
    void previousWithoutCurrentIsRefused() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new MasterKeys(java.util.Optional.empty(), java.util.Optional.of(TestKeys.a())));
        assertEquals(
                "RUNBOOK_MASTER_KEY_PREVIOUS (" + TestKeys.A_ID + ") is set but RUNBOOK_MASTER_KEY is not: the previous"
                        + " key only decrypts; set the new key as RUNBOOK_MASTER_KEY",
                e.getMessage());
    }
}
