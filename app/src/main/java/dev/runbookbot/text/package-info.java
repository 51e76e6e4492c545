/**
 * Plain text measures shared by the core and the adapters, with no dependency of their own (JDK only): {@link
 * dev.runbookbot.text.EditDistance}, the one edit distance behind every "did you mean ...?" suggestion, whether it is
 * ranked by {@code runbook.ClosestNames} (field names, ids, runbooks, subcommands) or by the CEL compiler's messages
 * in {@code expr.cel}. It sits below both, so neither has to import the other.
 */
package dev.runbookbot.text;
