package dev.runbookbot.slack.render;

/**
 * The {@code action_id}s of the buttons on incident messages, shared by the messages that render the buttons and the
 * handlers in {@code slack.interaction} that receive the clicks. A button's {@code value} is only the opaque id of what it
 * acts on: a run ({@code run-7}) for those on a remediation's message, an incident ({@code INC-3}) for those on the
 * parent message ({@link #ACKNOWLEDGE}, {@link #RESOLVE}, {@link #RERUN}, {@link #ESCALATE}).
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
    /** Resolve the incident (its parent message); the value is the incident. */
    public static final String RESOLVE = "resolve";
    /** Run the incident's diagnostics again (its parent message); the value is the incident. */
    public static final String RERUN = "rerun";
    /** Escalate the incident now (its parent message); the value is the incident. */
    public static final String ESCALATE = "escalate";
    /** Propose an expired or rejected remediation again, with fresh evidence; the value is the run. */
    public static final String PROPOSE_AGAIN = "propose_again";
}
