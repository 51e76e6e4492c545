package dev.runbookbot.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** How the unreachable-condition rule reads a condition: its top-level {@code &&} terms, and nothing cleverer. */
class InterpretOrderRuleTest {
    @Test
    void termsAreTheTopLevelConjunctsWithoutSpacingOrOuterParentheses() {
        assertEquals(Set.of("!empty", "value < 5.0"), InterpretOrderRule.terms("( !empty  &&\n (value < 5.0) )"));
        assertEquals(
                Set.of("samples.all(s, s.value > 1.0 && s.value < 2.0)"),
                InterpretOrderRule.terms("samples.all(s, s.value > 1.0 && s.value < 2.0)"));
        assertEquals(Set.of("a == 'x && y'", "b"), InterpretOrderRule.terms("a == 'x && y' && b"));
    }

    @Test
    void aTopLevelOrMakesTheWholeConditionOneTerm() {
        assertEquals(Set.of("empty || value == 0.0"), InterpretOrderRule.terms("empty || value == 0.0"));
        assertEquals(Set.of("(a) || (b)"), InterpretOrderRule.terms("(a) || (b)"));
    }
}
