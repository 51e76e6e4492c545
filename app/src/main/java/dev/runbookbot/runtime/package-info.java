/**
 * The composition root: builds the object graph from {@link dev.runbookbot.config.Settings} and hands it to the
 * entry points. {@link dev.runbookbot.runtime.BotRuntime} is the whole bot (catalog, store, the diagnosis and
 * remediation assemblies, incident service, Slack adapter, the named bounded executors of docs/concurrency.md) that
 * {@code runbookctl bot} runs and the integration tests start in-process; {@link
 * dev.runbookbot.runtime.CommandLineWiring} gives {@code runbookctl} its collaborators. The only place, with {@code
 * config}, that reads the environment, and the only place that knows every adapter: a new diagnostic type is one line
 * in {@link dev.runbookbot.runtime.DiagnosisAssembly#executors}, a new action one line in {@link
 * dev.runbookbot.runtime.RemediationAssembly#actionExecutors}.
 */
package dev.runbookbot.runtime;
