/**
 * The incident flow's answers to clicks and App Home visits: {@link dev.runbookbot.slack.interaction.IncidentButtons}
 * (approve, reject, run, done, "I'm on it", with the action ids of {@link dev.runbookbot.slack.render.IncidentActions})
 * and {@link dev.runbookbot.slack.interaction.HomeTabPublisher} implement the ports of the Slack adapter's root ({@link
 * dev.runbookbot.slack.ButtonHandler}, {@link dev.runbookbot.slack.AppHomeHandler}), which hand them plain records
 * ({@link dev.runbookbot.slack.ButtonClick}, {@link dev.runbookbot.slack.AppHomeOpened}). A button carries no
 * authority: its value is an opaque run or incident id, and the incident service decides, at the moment of the click
 * and against the stored record, whether the clicking user may do what the button offers; a refusal is explained to
 * that user only.
 */
package dev.runbookbot.slack.interaction;
