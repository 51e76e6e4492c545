/**
 * Lint: everything that makes a runbook wrong although it is well-formed YAML.
 *
 * <p>{@link dev.runbookbot.runbook.lint.Linter} runs small rules over the loaded runbooks and reports every problem
 * at once as a {@link dev.runbookbot.runbook.Problem} with file, line and column: ids well-formed and unique (across
 * the catalog too), every remediation a decision names defined, conditions compiled and type-checked against the
 * variables they will see (through the {@link dev.runbookbot.expr.ConditionLanguage} port, with seed-style rewrites
 * shown as warnings), templates naming only declared parameters and placed where their sink can escape them, no
 * templated code after an interpreter's {@code -c}, timeouts positive and bounded, step configs valid for their type
 * (through {@link dev.runbookbot.runbook.lint.DiagnosticTypes}), and no alert claimed ambiguously by two runbooks.
 * This package is core: it imports no YAML, CEL or executor library.
 */
package dev.runbookbot.runbook.lint;
