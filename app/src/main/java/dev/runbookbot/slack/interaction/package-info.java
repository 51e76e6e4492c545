/**
 * Clicks and App Home visits as plain records ({@link dev.runbookbot.slack.interaction.ButtonClick}, {@link
 * dev.runbookbot.slack.interaction.AppHomeOpened}) and the ports that receive them ({@link
 * dev.runbookbot.slack.interaction.ButtonHandler}, {@link dev.runbookbot.slack.interaction.AppHomeHandler}). A
 * button carries no authority: its value is an opaque id, and the handler decides, at the moment of the click, whether
 * the clicking user may do what the button offers.
 */
package dev.runbookbot.slack.interaction;
