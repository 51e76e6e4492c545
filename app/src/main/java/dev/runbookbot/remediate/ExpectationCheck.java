package dev.runbookbot.remediate;

import dev.runbookbot.runbook.ConfigProblem;
import dev.runbookbot.runbook.ExpectSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * Decides whether an action succeeded from its outcome and the remediation's {@code expect} list
 * (runbook-bots-article: {@code expect: [{pattern: "OK"}, {pattern: "(empty list or set)", allow_failure: true}]}).
 *
 * <p>Patterns are Java regular expressions, compiled once (the loader reports a bad one through {@link #validate}),
 * searched anywhere in the output ({@link java.util.regex.Matcher#find()}), with {@code ^} and {@code $} matching at
 * line boundaries. To match text literally, prefix it with {@value #LITERAL_PREFIX} ({@code literal:a.b*c}) or quote it
 * with {@code \Q...\E}. The seed's {@code (empty list or set)} is a regex whose group matches the words inside the
 * parentheses, so it matches redis-cli's {@code (empty list or set)} line as intended.
 *
 * <p>The rules, in order:
 *
 * <ol>
 *   <li>A {@link ActionOutcome.Failed} action is never a success: if an {@code allow_failure} pattern matches its output
 *       the verdict is {@code ACCEPTED_FAILURE}, otherwise {@code FAILED} with the action's reason.
 *   <li>A {@link ActionOutcome.Completed} action whose output matches a pattern without {@code allow_failure} is
 *       {@code SUCCEEDED}; one that matches only an {@code allow_failure} pattern is {@code ACCEPTED_FAILURE}.
 *   <li>With no success pattern at all (no patterns, or only {@code allow_failure} ones), completing is the success
 *       criterion: an unmatched completed action is {@code SUCCEEDED}.
 *   <li>Otherwise {@code FAILED}, quoting the patterns and an excerpt of the output.
 * </ol>
 *
 * Immutable and thread-safe. Outputs reaching this class are already masked by the executor, so the excerpt in a reason
 * is as safe to show as the output itself.
 */
public final class ExpectationCheck {
    /** A pattern starting with this prefix matches the rest of the text literally. */
    public static final String LITERAL_PREFIX = "literal:";

    static final int EXCERPT_CHARS = 300;

    private final List<Expectation> expectations;

    private ExpectationCheck(List<Expectation> expectations) {
        this.expectations = List.copyOf(expectations);
    }

    /**
     * Compiles {@code specs}. A pattern that does not compile is a bug here: the loader rejects it at load time through
     * {@link #validate}.
     *
     * @throws IllegalArgumentException when a pattern is not a valid regular expression
     */
    public static ExpectationCheck of(List<ExpectSpec> specs) {
        List<Expectation> compiled = new ArrayList<>(specs.size());
        for (ExpectSpec spec : specs) {
            compiled.add(new Expectation(spec, compile(spec.pattern())));
        }
        return new ExpectationCheck(compiled);
    }

    /**
     * Checks {@code specs} at load time. {@code path} is the dotted path of the {@code expect} list (for example
     * {@code remediations[2].expect}); each problem names the offending {@code [i].pattern}.
     */
    public static List<ConfigProblem> validate(List<ExpectSpec> specs, String path) {
        List<ConfigProblem> problems = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            String where = path + "[" + i + "].pattern";
            String pattern = specs.get(i).pattern();
            if (pattern == null || pattern.isEmpty() || pattern.equals(LITERAL_PREFIX)) {
                problems.add(new ConfigProblem(where, "the pattern is empty; it would match any output"));
                continue;
            }
            try {
                compile(pattern);
            } catch (PatternSyntaxException e) {
                problems.add(new ConfigProblem(
                        where,
                        "not a valid Java regular expression: " + e.getDescription() + " near index " + e.getIndex(),
                        "to match the text literally, write \"" + LITERAL_PREFIX + pattern + "\""));
            }
        }
        return problems;
    }

    private static Pattern compile(String pattern) {
        if (pattern.startsWith(LITERAL_PREFIX)) {
            return Pattern.compile(Pattern.quote(pattern.substring(LITERAL_PREFIX.length())));
        }
        return Pattern.compile(pattern, Pattern.MULTILINE);
    }

    /** The verdict for {@code outcome}. */
    public ExpectationResult check(ActionOutcome outcome) {
        String output = outcome.output() == null ? "" : outcome.output();
        Optional<Expectation> tolerated = firstMatch(output, true);
        if (outcome instanceof ActionOutcome.Failed failed) {
            if (tolerated.isPresent()) {
                return new ExpectationResult(
                        ExpectationResult.Verdict.ACCEPTED_FAILURE,
                        "the action failed (" + failed.reason() + "), but its output matched allow_failure pattern "
                                + tolerated.get().quoted() + ": a tolerated outcome");
            }
            return new ExpectationResult(ExpectationResult.Verdict.FAILED, failed.reason());
        }
        Optional<Expectation> success = firstMatch(output, false);
        if (success.isPresent()) {
            return new ExpectationResult(
                    ExpectationResult.Verdict.SUCCEEDED,
                    "output matched expected pattern " + success.get().quoted());
        }
        if (tolerated.isPresent()) {
            return new ExpectationResult(
                    ExpectationResult.Verdict.ACCEPTED_FAILURE,
                    "output matched only allow_failure pattern "
                            + tolerated.get().quoted() + ": a tolerated outcome, not a success");
        }
        if (expectations.stream().allMatch(e -> e.spec().allowFailure())) {
            return new ExpectationResult(
                    ExpectationResult.Verdict.SUCCEEDED,
                    expectations.isEmpty()
                            ? "the action completed (no expected-output pattern to check)"
                            : "the action completed (no success pattern; no allow_failure pattern matched)");
        }
        return new ExpectationResult(
                ExpectationResult.Verdict.FAILED,
                "output matched none of the expected patterns " + describePatterns() + "; " + excerpt(output));
    }

    private Optional<Expectation> firstMatch(String output, boolean allowFailure) {
        return expectations.stream()
                .filter(e -> e.spec().allowFailure() == allowFailure)
                .filter(e -> e.pattern().matcher(output).find())
                .findFirst();
    }

    private String describePatterns() {
        return expectations.stream()
                .map(e -> e.quoted() + (e.spec().allowFailure() ? " (allow_failure)" : ""))
                .collect(Collectors.joining(", "));
    }

    static String excerpt(String output) {
        if (output.isEmpty()) {
            return "the output was empty";
        }
        if (output.length() <= EXCERPT_CHARS) {
            return "output: \"" + output + "\"";
        }
        int end = Character.isHighSurrogate(output.charAt(EXCERPT_CHARS - 1)) ? EXCERPT_CHARS - 1 : EXCERPT_CHARS;
        return "output (first " + end + " of " + output.length() + " characters): \"" + output.substring(0, end)
                + "…\"";
    }

    /** One compiled pattern with the spec it came from. */
    private record Expectation(ExpectSpec spec, Pattern pattern) {
        String quoted() {
            return "\"" + spec.pattern() + "\"";
        }
    }
}
