/**
 * Expressions in runbooks, both kinds of them. Conditions ({@link dev.runbookbot.expr.ConditionLanguage},
 * {@link dev.runbookbot.expr.Condition}) are boolean expressions over a typed {@link dev.runbookbot.expr.ConditionScope},
 * compiled and type-checked when a runbook is loaded and evaluated over data only: interpret conditions over one
 * diagnostic's facts, decision conditions over all results. Templates ({@link dev.runbookbot.expr.Template}) put alert
 * labels, annotations and parameters into a step's config; every value is data, escaped or bound for the sink it lands
 * in (shell argv, PromQL, SQL, URL, text), never parsed again. The implementation of the condition language lives in
 * {@code expr.cel}; nothing else in the code base may import CEL.
 */
package dev.runbookbot.expr;
