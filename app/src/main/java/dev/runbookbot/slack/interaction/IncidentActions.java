package dev.runbookbot.slack.interaction;

/**
 * The {@code action_id}s of the buttons on incident messages. A button's {@code value} is only the opaque id of what it
 * acts on: a run ({@code run-7}) for the first four, an incident ({@code INC-3}) for {@link #ACKNOWLEDGE}.
 */
public final class IncidentActions {
    private IncidentActions() {}

    /** Approve a proposed remediation. */
    public static final String APPROVE = "approve";
    /** Reject a proposed remediation. */
    public static final String REJECT = "reject";
    /** Start an approved, safe automated remediation that was not started by itself. */
    public static final String RUN = "run";
    /** Record that a manual remediation was carried out. */
    public static final String DONE = "done";
    /** "I'm on it": acknowledge the incident. */
    public static final String ACKNOWLEDGE = "ack";
}
