package dev.runbookbot.audit;

/** What a timeline entry is about. A post-incident review reads these in time order. */
public enum TimelineKind {
    /** An alert fired, repeated or resolved. */
    ALERT,
    /** A diagnostic's result. */
    DIAGNOSTIC,
    /** The decision tree chose (or did not choose) remediations. */
    DECISION,
    /** An approval, rejection or expiry. */
    APPROVAL,
    /** A remediation started, finished or was interrupted. */
    ACTION,
    /** A message posted to or received from chat. */
    MESSAGE,
    /** Someone acknowledged the incident. */
    ACKNOWLEDGEMENT,
    /** The incident escalated, or a page went out. */
    ESCALATION,
    /** The incident changed state. */
    STATE,
    /** Anything a person or the bot wanted on the record. */
    NOTE
}
