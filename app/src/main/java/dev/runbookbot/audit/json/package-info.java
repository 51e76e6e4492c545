/**
 * The JSON form of typed timeline details ({@link dev.runbookbot.audit.json.TimelineDetails}). Like the runbook
 * format's reader, this is the one place of the middle that may use Jackson: the core builds and reads {@link
 * dev.runbookbot.audit.TimelineDetail} records, this package turns them into the text a timeline entry stores and back.
 */
package dev.runbookbot.audit.json;
