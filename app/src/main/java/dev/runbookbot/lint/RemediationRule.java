package dev.runbookbot.lint;

import dev.runbookbot.runbook.ExpectSpec;
import dev.runbookbot.runbook.RemediationSpec;
import dev.runbookbot.runbook.RemediationType;
import dev.runbookbot.runbook.RunbookSpec;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A remediation carries what its type needs (an automated one its action, a manual one instructions for the
 * responder), and its expected-output patterns are valid regular expressions.
 */
final class RemediationRule implements RunbookRule {
    @Override
    public void check(RunbookSpec runbook, Findings f) {
        for (RemediationSpec remediation : runbook.remediations()) {
            String path = f.pathOf(remediation);
            if (remediation.type() == RemediationType.AUTOMATED
                    && remediation.action().isEmpty()) {
                f.error(
                        path,
                        "automated remediation '" + remediation.id() + "' needs an 'action'",
                        "give action: {type: ..., config: {...}}, or make it manual with instructions");
            }
            if (remediation.type() == RemediationType.MANUAL
                    && remediation.instructions().filter(s -> !s.isBlank()).isEmpty()) {
                f.error(
                        path,
                        "manual remediation '" + remediation.id() + "' needs 'instructions'",
                        "tell the responder, in Markdown, what to do");
            }
            for (ExpectSpec expect : remediation.expect()) {
                String patternPath = Findings.child(f.pathOf(expect), "pattern");
                try {
                    Pattern.compile(expect.pattern());
                } catch (PatternSyntaxException e) {
                    f.error(
                            patternPath,
                            "expect pattern '" + expect.pattern() + "' is not a valid regular expression: "
                                    + e.getDescription(),
                            "a literal ( ) [ ] { } . * + ? | ^ $ needs a backslash before it");
                }
            }
        }
    }
}
