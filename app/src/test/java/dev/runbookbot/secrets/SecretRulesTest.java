package dev.runbookbot.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** What the store accepts, and messages that never repeat a value. */
class SecretRulesTest {
    @Test
    void namesAreLettersDigitsDotsUnderscoresAndDashes() {
        for (String ok : new String[] {"db-password", "PAGERDUTY_TOKEN", "redis.cache.password", "a", "9"}) {
            assertEquals(ok, SecretRules.checkName(ok));
        }
        assertEquals("x".repeat(100), SecretRules.checkName("x".repeat(100)));
        for (String bad : new String[] {"", "-leading", ".hidden", "with space", "semi;colon", "x".repeat(101)}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SecretRules.checkName(bad));
            assertEquals(
                    "'" + bad + "' is not a valid secret name: use letters, digits, '.', '_' and '-', starting with a"
                            + " letter or digit, at most 100 characters",
                    e.getMessage());
        }
        IllegalArgumentException control =
                assertThrows(IllegalArgumentException.class, () -> SecretRules.checkName("a\u001b[31mb"));
        assertEquals(
                "'a?[31mb' is not a valid secret name: use letters, digits, '.', '_' and '-', starting with a letter or"
                        + " digit, at most 100 characters",
                control.getMessage());
    }

    @Test
    void valuesMustBeMaskableAndBounded() {
        SecretRules.checkValue("db-password", "abcd");
        SecretRules.checkValue("db-password", "x".repeat(SecretRules.MAX_VALUE_BYTES));
        IllegalArgumentException empty =
                assertThrows(IllegalArgumentException.class, () -> SecretRules.checkValue("db-password", ""));
        assertEquals("the value of secret 'db-password' is empty; nothing was stored", empty.getMessage());
        IllegalArgumentException shortValue =
                assertThrows(IllegalArgumentException.class, () -> SecretRules.checkValue("pin", "123"));
        assertEquals(
                "the value of secret 'pin' is 3 characters; values shorter than 4 characters are refused because they"
                        + " cannot be masked in output without mangling ordinary text and giving the value away",
                shortValue.getMessage());
        IllegalArgumentException tooLong = assertThrows(
                IllegalArgumentException.class,
                () -> SecretRules.checkValue("blob", "é".repeat(SecretRules.MAX_VALUE_BYTES / 2 + 1)));
        assertEquals("the value of secret 'blob' is 65538 bytes; at most 65536 bytes are kept", tooLong.getMessage());
    }
}
