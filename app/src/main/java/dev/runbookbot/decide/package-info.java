/**
 * The decision tree, evaluated. {@link dev.runbookbot.decide.DecisionEngine} evaluates every branch of a runbook's
 * {@code decisionTree} over all {@link dev.runbookbot.diagnose.DiagnosticResult}s of a run (the variables are built by
 * {@link dev.runbookbot.decide.DecisionScope}, which other code reuses to show or test what a condition sees) and
 * produces a {@link dev.runbookbot.decide.Plan}: the overall severity, each remediation once in the order the tree
 * names them with the decision that chose it, the branches that matched and the ones that did not with why, and a
 * timeline. Core code: it imports only the JDK and our own types, and runs nothing; proposing is all it does.
 */
package dev.runbookbot.decide;
