/**
 * Recorded results: a {@link dev.runbookbot.diagnose.DiagnosticExecutor} per diagnostic type that answers from a
 * fixture file instead of asking a live system, for {@code runbookctl simulate --fixture} and for testing a runbook's
 * decision paths offline. A fixture maps step ids to what the step observed ({@code facts}, {@code evidence},
 * {@code details}) or to how it failed ({@code error: TIMEOUT|UNREACHABLE|...}, {@code reason}). Each
 * {@link dev.runbookbot.diagnose.recorded.RecordedExecutor} declares exactly the facts of the live executor it stands
 * in for, so interpret conditions compile and evaluate as they would in production, and it converts every recorded
 * value to the declared type (whole numbers to {@code Long}, numbers to {@code Double} for a double fact). It keeps no
 * reference to the live executor: a recorded run cannot reach a live system.
 */
package dev.runbookbot.diagnose.recorded;
