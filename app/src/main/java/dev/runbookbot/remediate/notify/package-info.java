/**
 * The {@code notify} action: a chat message to a channel, written by the runbook author with template values from the
 * incident (rendered as plain text; the chat adapter escapes it). The channel is literal: alert data never chooses
 * where a message goes.
 */
package dev.runbookbot.remediate.notify;
