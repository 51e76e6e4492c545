package dev.runbookbot.lint;

import dev.runbookbot.runbook.RunbookSpec;

/**
 * One family of checks on one runbook. The runbook may be a draft with invalid fields left {@code null} (the loader
 * already reported those), so a rule skips what it cannot check instead of failing.
 */
interface RunbookRule {
    void check(RunbookSpec runbook, Findings findings);
}
