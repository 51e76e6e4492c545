/**
 * Runbook tests, {@code runbookctl test}: like {@code promtool test rules} for alert rules, a test file next to the
 * runbooks ({@code runbooks/tests/<runbook id>.test.yaml}) gives cases, each an alert (labels and annotations) or
 * parameters, the recorded result of every step (the fixtures format of {@code runbooks/fixtures/}, inline or from a
 * file) and what the runbook must conclude from them: step statuses, the overall severity, the decisions that match
 * (numbered as the reports print them) and the plan. {@link dev.runbookbot.runbooktest.TestFileReader} reads a file
 * into {@link dev.runbookbot.runbooktest.RunbookTestFile} with the position of every key, reporting every problem at
 * once as {@code file:line:col}; {@link dev.runbookbot.runbooktest.CaseCheck} compares one diagnosis with its
 * expectation and says, per key, what was expected and what came. Nothing here runs a step: the command runs cases
 * through recorded executors only, so a test never reaches a live system.
 */
package dev.runbookbot.runbooktest;
