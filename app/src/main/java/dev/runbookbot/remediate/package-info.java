/**
 * Remediation, in one home: the run model ({@link dev.runbookbot.remediate.RemediationRun} with its {@link
 * dev.runbookbot.remediate.RunState}s, approvals and transitions, the pure rules of {@link
 * dev.runbookbot.remediate.RemediationLifecycle}, who may act by {@link dev.runbookbot.remediate.ApprovalPolicy}), the
 * port every action type implements ({@link dev.runbookbot.remediate.ActionExecutor}), the values it
 * exchanges ({@link dev.runbookbot.remediate.ActionRequest}, {@link dev.runbookbot.remediate.ActionPreview},
 * {@link dev.runbookbot.remediate.ActionOutcome}), and the pipeline that decides whether an action may run, runs it and
 * closes the loop afterwards.
 *
 * <p>{@link dev.runbookbot.remediate.RemediationPipeline} is what the incident orchestrator calls: it proposes runs
 * with the preview approvers will see and the approval deadline of the runbook's {@code safety.approvalTimeout}, renders
 * dry runs with secrets masked, and executes an approved run by re-reading it from the store, passing it through the
 * {@link dev.runbookbot.remediate.GuardChain} (human approval unless the step is safe and does not require approval;
 * allowed environments with their {@link dev.runbookbot.remediate.Promotions}; "what runs is what was approved"),
 * starting it in the store as a compare-and-set that refuses a second remediation for the same service and environment,
 * acting on the calling thread, judging the output with the runbook's {@code expect} patterns ({@link
 * dev.runbookbot.remediate.ExpectationCheck}), and recording the masked, capped result. After a success the {@link
 * dev.runbookbot.remediate.RecoveryCheck} waits a settle time, runs the diagnostics that led to the remediation again and
 * reports whether the service recovered, with the before/after evidence, to the {@link
 * dev.runbookbot.remediate.VerificationListener}. Escalations are handed to the {@link
 * dev.runbookbot.remediate.Escalator}; manual steps are marked done by the person who did them.
 *
 * <p>Every refusal is a value with a reason a person can act on, never an exception. This package knows nothing of
 * incidents: what it needs of one is a {@link dev.runbookbot.remediate.RemediationTarget} (id, service, environment,
 * severity, open or not), and it reads and writes runs through the {@link dev.runbookbot.remediate.RunStore} port. The
 * orchestrator in {@code incident} implements the ports this package declares ({@link
 * dev.runbookbot.remediate.RemediationContexts}, {@link dev.runbookbot.remediate.Escalator}, {@link
 * dev.runbookbot.remediate.VerificationListener}, {@link dev.runbookbot.remediate.ChannelMessages}); the store
 * implements {@link dev.runbookbot.remediate.RunStore} (as part of the incident store) and {@link
 * dev.runbookbot.remediate.Promotions}; {@code remediate/escalate} implements the {@link
 * dev.runbookbot.remediate.Pager}. The arrow is {@code incident -> remediate -> audit}, checked by {@code
 * ArchitectureTest}. The action families live in sub-packages ({@code kubernetes}, {@code
 * redis}, {@code http}, {@code script}, ...), each importing its own client library and never another family; a
 * preview never touches the target. This package imports only the JDK, SLF4J and the core packages below it ({@code audit}, {@code runbook}, {@code expr}, {@code diagnose}, {@code decide}).
 */
package dev.runbookbot.remediate;
