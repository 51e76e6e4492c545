/**
 * Remediation: the port every action type implements ({@link dev.runbookbot.remediate.ActionExecutor}), the values it
 * exchanges ({@link dev.runbookbot.remediate.ActionRequest}, {@link dev.runbookbot.remediate.ActionPreview},
 * {@link dev.runbookbot.remediate.ActionOutcome}) and the core decisions around an action: whether its output meets the
 * runbook's expectations ({@link dev.runbookbot.remediate.ExpectationCheck}). The action families themselves live in
 * sub-packages ({@code kubernetes}, {@code redis}, {@code http}, ...), each importing its own client library and never
 * another family. An executor only acts; whether it may act (approval, environment scope, one remediation at a time per
 * service) is decided before it is called, and a preview never touches the target, so a dry run and an approval
 * message show exactly what would run, with secrets shown as {@code <secret:NAME>}. This package imports only the JDK
 * and the other core packages.
 */
package dev.runbookbot.remediate;
