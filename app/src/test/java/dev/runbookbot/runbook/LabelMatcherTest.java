package dev.runbookbot.runbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LabelMatcherTest {
    @Test
    void aPlainValueIsComparedExactlyAndNeedsTheLabel() {
        LabelMatcher m = LabelMatcher.parse("job", "pgbouncer.*");
        assertEquals(LabelMatcher.Kind.EQUALS, m.kind());
        assertTrue(m.holds(Map.of("job", "pgbouncer.*")));
        assertFalse(m.holds(Map.of("job", "pgbouncer-1")));
        assertFalse(m.holds(Map.of()));
    }

    @Test
    void aRegularExpressionIsAnchoredAtBothEndsAsInAlertmanager() {
        LabelMatcher m = LabelMatcher.parse("job", "=~ pgbouncer-.*");
        assertEquals(LabelMatcher.Kind.MATCHES, m.kind());
        assertEquals("pgbouncer-.*", m.value());
        assertEquals(3, m.valueOffset());
        assertTrue(m.holds(Map.of("job", "pgbouncer-2")));
        assertFalse(m.holds(Map.of("job", "my-pgbouncer-2")));
        assertFalse(m.holds(Map.of("job", "pgbouncer")));
        assertFalse(m.holds(Map.of()));
        assertTrue(LabelMatcher.parse("env", "=~prod|staging").holds(Map.of("env", "staging")));
        assertFalse(LabelMatcher.parse("env", "=~prod|staging").holds(Map.of("env", "production")));
        assertEquals("job=~pgbouncer-.*", m.toString());
    }

    @Test
    void aNegatedRegularExpressionHoldsForAMissingLabelLikeAlertmanagersEmptyValue() {
        LabelMatcher m = LabelMatcher.parse("env", "!~staging|dev");
        assertEquals(LabelMatcher.Kind.DOES_NOT_MATCH, m.kind());
        assertTrue(m.holds(Map.of("env", "prod")));
        assertTrue(m.holds(Map.of()));
        assertFalse(m.holds(Map.of("env", "dev")));
        assertTrue(LabelMatcher.parse("env", "=~").holds(Map.of()));
        assertFalse(LabelMatcher.parse("env", "!~").holds(Map.of()));
    }

    @Test
    void anInvalidOrNonRe2ExpressionIsAnErrorAtItsCharacterAndNeverHolds() {
        LabelMatcher unclosed = LabelMatcher.parse("job", "=~pg(bouncer");
        assertEquals(Optional.of("Unclosed group in regular expression 'pg(bouncer'"), unclosed.syntaxError());
        assertEquals(12, unclosed.errorOffset()); // Java points past the end for an unclosed group
        assertFalse(unclosed.holds(Map.of("job", "pg(bouncer")));
        assertFalse(LabelMatcher.parse("job", "!~pg(bouncer").holds(Map.of("job", "x")));

        LabelMatcher lookahead = LabelMatcher.parse("job", "=~pg(?!bouncer).*");
        assertEquals(
                Optional.of("'(?!' is not RE2 syntax (no lookaround, backreferences, atomic groups or possessive"
                        + " quantifiers)"),
                lookahead.syntaxError());
        assertEquals(4, lookahead.errorOffset());
        assertTrue(LabelMatcher.parse("job", "=~(a)\\1").syntaxError().isPresent());
        assertTrue(LabelMatcher.parse("job", "=~a++").syntaxError().isPresent());
        assertEquals(
                Optional.empty(),
                LabelMatcher.parse("job", "=~(?i)pg[a-z]+\\d{1,3}").syntaxError());
    }

    @Test
    void excludesOnlyWhatNoAlertCanSatisfyTogether() {
        LabelMatcher pg = LabelMatcher.parse("job", "=~pg.*");
        assertTrue(LabelMatcher.parse("job", "mysql").excludes(pg));
        assertTrue(pg.excludes(LabelMatcher.parse("job", "mysql")));
        assertFalse(pg.excludes(LabelMatcher.parse("job", "pgbouncer")));
        assertTrue(pg.excludes(LabelMatcher.parse("job", "!~pg.*")));
        assertFalse(pg.excludes(LabelMatcher.parse("job", "=~.*bouncer")));
        assertTrue(LabelMatcher.parse("job", "a").excludes(LabelMatcher.parse("job", "b")));
        assertFalse(pg.excludes(LabelMatcher.parse("env", "mysql")));
    }
}
