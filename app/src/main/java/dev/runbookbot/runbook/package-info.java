/**
 * The runbook format as the rest of the bot sees it: immutable records ({@link dev.runbookbot.runbook.RunbookSpec} and
 * its parts) loaded from YAML, the {@link dev.runbookbot.runbook.Catalog} that finds the runbook for an id, an alert, a
 * PagerDuty service or a described symptom, and the vocabulary of checking them: {@link
 * dev.runbookbot.runbook.Problem} (file, line, column, message, hint), {@link dev.runbookbot.runbook.SourceMap} (where
 * each value was written) and {@link dev.runbookbot.runbook.LoadedRunbook} (one file with its version hash). Reading
 * YAML lives in {@code runbook.load}, the editor schema in {@code runbook.schema};
 * The checks live above the format, in the top-level {@code lint} package, because they consult the diagnostic
 * types and the decision scope; the format itself imports neither. docs/runbook-format.md describes the format for authors.
 */
package dev.runbookbot.runbook;
