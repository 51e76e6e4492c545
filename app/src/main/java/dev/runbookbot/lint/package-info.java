/**
 * Lint: everything that makes a runbook wrong although it is well-formed YAML.
 *
 * <p>{@link dev.runbookbot.lint.Linter} runs small rules over the loaded runbooks and reports every problem
 * at once as a {@link dev.runbookbot.runbook.Problem} with file, line and column: ids well-formed and unique (across
 * the catalog too), every remediation a decision names defined, conditions compiled and type-checked against the
 * variables they will see (through the {@link dev.runbookbot.expr.ConditionLanguage} port, with seed-style rewrites
 * shown as warnings), templates naming only declared parameters and placed where their sink can escape them, no
 * templated code after an interpreter's {@code -c}, timeouts positive and bounded, step configs valid for their type
 * (through {@link dev.runbookbot.lint.DiagnosticTypes}), and no alert claimed ambiguously by two runbooks.
 * This package is core: it imports no YAML, CEL or executor library. It sits above {@code runbook}, {@code
 * diagnose} and {@code decide} (it checks a runbook against what they accept), which is why it is not inside {@code
 * runbook}: nothing below it imports it, so the top-level packages stay free of cycles.
 */
package dev.runbookbot.lint;
