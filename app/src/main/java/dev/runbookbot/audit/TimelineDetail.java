package dev.runbookbot.audit;

/**
 * The typed detail of a timeline entry: a record whose components are the entry's detail fields. It is written as JSON
 * by {@link dev.runbookbot.audit.json.TimelineDetails} (never by hand) and read back the same way, so a reader asks
 * for the record it needs instead of searching the text.
 */
public interface TimelineDetail {}
