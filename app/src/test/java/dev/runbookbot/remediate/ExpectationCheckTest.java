package dev.runbookbot.remediate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.remediate.ExpectationResult.Verdict;
import dev.runbookbot.runbook.ConfigProblem;
import dev.runbookbot.runbook.ExpectSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExpectationCheckTest {
    /** The seed's clear-cache step (runbook-bots-article). */
    private static final List<ExpectSpec> SEED =
            List.of(new ExpectSpec("OK", false), new ExpectSpec("(empty list or set)", true));

    @Test
    void seedSuccessPatternMatchesRedisOk() {
        ExpectationResult result = ExpectationCheck.of(SEED).check(new ActionOutcome.Completed("OK"));

        assertEquals(Verdict.SUCCEEDED, result.verdict());
        assertEquals("output matched expected pattern \"OK\"", result.reason());
    }

    @Test
    void seedAllowFailurePatternIsAToleratedOutcomeNotASuccess() {
        ExpectationResult result = ExpectationCheck.of(SEED).check(new ActionOutcome.Completed("(empty list or set)"));

        assertEquals(Verdict.ACCEPTED_FAILURE, result.verdict());
        assertEquals(
                "output matched only allow_failure pattern \"(empty list or set)\": a tolerated outcome, not a success",
                result.reason());
    }

    @Test
    void unmatchedOutputFailsQuotingPatternsAndOutput() {
        ExpectationResult result =
                ExpectationCheck.of(SEED).check(new ActionOutcome.Completed("ERR unknown command 'FLUSHDB'"));

        assertEquals(Verdict.FAILED, result.verdict());
        assertEquals(
                "output matched none of the expected patterns \"OK\", \"(empty list or set)\" (allow_failure);"
                        + " output: \"ERR unknown command 'FLUSHDB'\"",
                result.reason());
    }

    @Test
    void successPatternWinsOverAllowFailureWhenBothMatch() {
        ExpectationResult result =
                ExpectationCheck.of(SEED).check(new ActionOutcome.Completed("(empty list or set)\nOK"));

        assertEquals(Verdict.SUCCEEDED, result.verdict());
    }

    @Test
    void failedActionIsNeverASuccessEvenIfItsOutputMatches() {
        ExpectationResult result = ExpectationCheck.of(SEED).check(new ActionOutcome.Failed("exit status 1", "OK"));

        assertEquals(Verdict.FAILED, result.verdict());
        assertEquals("exit status 1", result.reason());
    }

    @Test
    void failedActionWhoseOutputMatchesAllowFailureIsTolerated() {
        ExpectationResult result =
                ExpectationCheck.of(SEED).check(new ActionOutcome.Failed("exit status 1", "(empty list or set)"));

        assertEquals(Verdict.ACCEPTED_FAILURE, result.verdict());
        assertEquals(
                "the action failed (exit status 1), but its output matched allow_failure pattern"
                        + " \"(empty list or set)\": a tolerated outcome",
                result.reason());
    }

    @Test
    void withoutPatternsCompletingIsSuccessAndFailingIsFailure() {
        ExpectationCheck none = ExpectationCheck.of(List.of());

        assertEquals(
                Verdict.SUCCEEDED, none.check(new ActionOutcome.Completed("")).verdict());
        assertEquals(
                "the action completed (no expected-output pattern to check)",
                none.check(new ActionOutcome.Completed("anything")).reason());
        assertEquals(
                Verdict.FAILED,
                none.check(new ActionOutcome.Failed("timed out", "")).verdict());
    }

    @Test
    void onlyAllowFailurePatternsMeanCompletingIsTheSuccessCriterion() {
        ExpectationCheck check = ExpectationCheck.of(List.of(new ExpectSpec("(empty list or set)", true)));

        assertEquals(
                Verdict.SUCCEEDED,
                check.check(new ActionOutcome.Completed("OK")).verdict());
        assertEquals(
                Verdict.ACCEPTED_FAILURE,
                check.check(new ActionOutcome.Completed("(empty list or set)")).verdict());
    }

    @Test
    void patternsAreRegexSearchedAnywhereWithLineAnchors() {
        ExpectationCheck check = ExpectationCheck.of(List.of(new ExpectSpec("^deleted [1-9][0-9]* keys$", false)));

        assertEquals(
                Verdict.SUCCEEDED,
                check.check(new ActionOutcome.Completed("OK\ndeleted 42 keys\n"))
                        .verdict());
        assertEquals(
                Verdict.FAILED,
                check.check(new ActionOutcome.Completed("OK\ndeleted 0 keys")).verdict());
    }

    @Test
    void literalPrefixMatchesMetacharactersLiterally() {
        ExpectationCheck check = ExpectationCheck.of(List.of(new ExpectSpec("literal:a.b*", false)));

        assertEquals(
                Verdict.SUCCEEDED,
                check.check(new ActionOutcome.Completed("x a.b* y")).verdict());
        assertEquals(
                Verdict.FAILED,
                check.check(new ActionOutcome.Completed("aXbbb")).verdict());
    }

    @Test
    void longOutputIsQuotedAsACappedExcerpt() {
        String output = "x".repeat(1000);

        ExpectationResult result =
                ExpectationCheck.of(List.of(new ExpectSpec("OK", false))).check(new ActionOutcome.Completed(output));

        assertEquals(
                "output matched none of the expected patterns \"OK\"; output (first 300 of 1000 characters): \""
                        + "x".repeat(300) + "…\"",
                result.reason());
    }

    @Test
    void emptyOutputIsSaidInWords() {
        ExpectationResult result =
                ExpectationCheck.of(List.of(new ExpectSpec("OK", false))).check(new ActionOutcome.Completed(""));

        assertEquals("output matched none of the expected patterns \"OK\"; the output was empty", result.reason());
    }

    @Test
    void validateNamesTheBadPatternWithAHint() {
        List<ConfigProblem> problems = ExpectationCheck.validate(
                List.of(new ExpectSpec("OK", false), new ExpectSpec("a(b", false), new ExpectSpec("", true)),
                "remediations[1].expect");

        assertEquals(2, problems.size());
        assertEquals("remediations[1].expect[1].pattern", problems.get(0).path());
        assertTrue(problems.get(0).message().startsWith("not a valid Java regular expression: Unclosed group"));
        assertEquals(
                "to match the text literally, write \"literal:a(b\"",
                problems.get(0).hint());
        assertEquals(
                new ConfigProblem(
                        "remediations[1].expect[2].pattern", "the pattern is empty; it would match any output"),
                problems.get(1));
    }

    @Test
    void compilingAnUnvalidatedBadPatternIsABug() {
        assertThrows(IllegalArgumentException.class, () -> ExpectationCheck.of(List.of(new ExpectSpec("a(b", false))));
    }
}
