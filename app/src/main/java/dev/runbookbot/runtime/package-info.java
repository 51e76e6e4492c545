/**
 * The composition root: builds the object graph from {@link dev.runbookbot.config.Settings} and hands it to the
 * entry points (the bot, {@code runbookctl}). The only place, with {@code config}, that reads the environment, and the
 * only place that knows every adapter: a new diagnostic type is one line in
 * {@link dev.runbookbot.runtime.LintSetup#executors}.
 */
package dev.runbookbot.runtime;
