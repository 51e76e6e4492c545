package dev.runbookbot.alert.pagerduty;

/** The outcome of checking {@code X-PagerDuty-Signature}; everything but {@link #VALID} refuses the request. */
public enum SignatureVerdict {
    VALID("a signature matches a configured secret"),
    NO_SECRET_CONFIGURED("no PagerDuty signing secret is configured, so no request can be verified"),
    MISSING_HEADER("the X-PagerDuty-Signature header is missing"),
    MALFORMED_HEADER("the X-PagerDuty-Signature header holds no v1=<64 hex digits> signature"),
    EMPTY_BODY("the body is empty"),
    NO_MATCH("no signature in X-PagerDuty-Signature matches a configured secret");

    private final String reason;

    SignatureVerdict(String reason) {
        this.reason = reason;
    }

    public boolean accepted() {
        return this == VALID;
    }

    /** Why, in words for the log and the refusal; never a signature or a secret. */
    public String reason() {
        return reason;
    }
}
