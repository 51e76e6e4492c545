package dev.runbookbot.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Literal masking: metacharacters, every occurrence, nesting, overlaps, short values, and capping after masking. */
class RedactorTest {
    private static Secret s(String name, String value) {
        return new Secret(name, value);
    }

    @Test
    void masksEveryOccurrenceLiterally() {
        Redactor r = Redactor.of(List.of(s("db-password", "hunter22")));
        assertEquals(
                "login with <secret:db-password>; retried <secret:db-password><secret:db-password>",
                r.redact("login with hunter22; retried hunter22hunter22"));
    }

    @Test
    void regexMetacharactersAreJustCharacters() {
        Redactor r = Redactor.of(List.of(
                s("plus", "p@ss+++word"),
                s("dollar", "$1$2x"),
                s("quote", "\\Qsecret\\E"),
                s("dot", "a.b.c.d"),
                s("class", "[a-z]+(x)|^y$")));
        assertEquals(
                "<secret:plus> <secret:dollar> <secret:quote> <secret:dot> <secret:class> aXbXcXd p@sssword",
                r.redact("p@ss+++word $1$2x \\Qsecret\\E a.b.c.d [a-z]+(x)|^y$ aXbXcXd p@sssword"));
    }

    @Test
    void theLongestValueWinsSoAContainingSecretIsMaskedWhole() {
        Redactor r = Redactor.of(List.of(s("short", "pass"), s("long", "password1")));
        assertEquals("<secret:long> and <secret:short>word", r.redact("password1 and password"));
    }

    @Test
    void overlappingValuesAreMaskedCompletely() {
        Redactor r = Redactor.of(List.of(s("a", "abcd"), s("b", "cdef")));
        assertEquals("x<secret:a>y", r.redact("xabcdefy"), "cdef overlaps abcd: its tail joins the first marker");
        assertEquals("<secret:b>", r.redact("cdef"));
        Redactor chain = Redactor.of(List.of(s("a", "abcd"), s("b", "cdef"), s("c", "efgh")));
        assertEquals("<secret:a><secret:c>", chain.redact("abcdefgh"));
        Redactor self = Redactor.of(List.of(s("z", "zzzz")));
        assertEquals("<secret:z>", self.redact("zzzzzz"));
        assertEquals("<secret:z><secret:z>", self.redact("zzzzzzzz"));
    }

    @Test
    void markersAreNeverMaskedAgain() {
        Redactor r = Redactor.of(List.of(s("api", "tok-123456"), s("word", "secret"), s("colon", "t:api")));
        assertEquals("<secret:api> <secret:word>", r.redact("tok-123456 secret"));
    }

    @Test
    void valuesShorterThanFourAreReportedNotMasked() {
        Redactor r = Redactor.of(List.of(s("pin", "42"), s("letter", "a"), s("ok", "abcd")));
        assertEquals("a 42 <secret:ok>", r.redact("a 42 abcd"));
        assertEquals(List.of("letter", "pin"), r.unmaskable());
        assertEquals(4, r.longestValue());
    }

    @Test
    void aSharedValueIsNamedByTheFirstName() {
        Redactor r = Redactor.of(List.of(s("zeta", "same-value"), s("alpha", "same-value")));
        assertEquals("<secret:alpha>", r.redact("same-value"));
        assertEquals("Redactor[1 value]", r.toString());
    }

    @Test
    void noSecretsChangesNothing() {
        assertSame(Redactor.none(), Redactor.of(List.of()));
        String text = "nothing to hide";
        assertSame(text, Redactor.none().redact(text));
        assertTrue(Redactor.none().masksNothing());
        assertEquals("", Redactor.of(List.of(s("a", "abcd"))).redact(""));
    }

    @Test
    void capsAfterMaskingAndNeverCutsAMarker() {
        Redactor r = Redactor.of(List.of(s("db-password", "hunter22")));
        String text = "0123456789 hunter22 tail";
        // A cap at 15 applied before masking would leave "hunt" behind; masked first, the marker is whole or gone.
        assertEquals("0123456789 ", r.redactAndCap(text, 15));
        assertEquals("0123456789 <secret:db-password>", r.redactAndCap(text, 31));
        assertEquals("0123456789 <secret:db-password> t", r.redactAndCap(text, 33));
        assertEquals("0123", r.redactAndCap(text, 4));
        assertThrows(IllegalArgumentException.class, () -> r.redactAndCap(text, -1));
    }
}
