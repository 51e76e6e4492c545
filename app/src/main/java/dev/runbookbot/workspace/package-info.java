/**
 * A local, Slack-like workspace for trying the bot without Slack ({@code runbookctl bot --local}): a small world of
 * channels, people, messages, ephemeral replies and Home tabs; the parts of the Slack Web API and of the Socket Mode
 * protocol the bot uses, served on 127.0.0.1 only, so the bot's real Bolt code path runs unchanged; and a browser page
 * on the bot's own web port that shows the channels and threads as Slack renders Block Kit, a command box, a person
 * switcher and live updates.
 *
 * <p>It enforces Slack's Block Kit limits ({@link dev.runbookbot.workspace.BlockKitLimits}) so what works here fits
 * in Slack. Every text reaches the page as data and is put into the document with {@code textContent}, never as
 * HTML: alert and command data are hostile. It is never started in normal {@code bot} mode. The tests' fake Slack
 * ({@code testing/slack}) stays a separate, independent double on purpose: a test against it says something about the
 * bot, not about this workspace.
 */
package dev.runbookbot.workspace;
