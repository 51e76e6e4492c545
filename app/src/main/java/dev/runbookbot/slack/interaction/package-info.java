/**
 * Clicks and App Home visits as plain records ({@link dev.runbookbot.slack.interaction.ButtonClick}, {@link
 * dev.runbookbot.slack.interaction.AppHomeOpened}), the ports that receive them ({@link
 * dev.runbookbot.slack.interaction.ButtonHandler}, {@link dev.runbookbot.slack.interaction.AppHomeHandler}), and their
 * implementations for the incident flow: {@link dev.runbookbot.slack.interaction.IncidentButtons} (approve, reject,
 * run, done, "I'm on it", with the action ids of {@link dev.runbookbot.slack.render.IncidentActions}) and {@link
 * dev.runbookbot.slack.interaction.HomeTabPublisher}. A button carries no authority: its value is an opaque run or
 * incident id, and the incident service decides, at the moment of the click and against the stored record, whether the
 * clicking user may do what the button offers; a refusal is explained to that user only.
 */
package dev.runbookbot.slack.interaction;
