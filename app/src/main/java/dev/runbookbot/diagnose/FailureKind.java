package dev.runbookbot.diagnose;

/** Why a diagnostic could not produce a reading. A classified value, not an exception. */
public enum FailureKind {
    /** It did not finish within its timeout or the run's deadline. */
    TIMEOUT,
    /** The target could not be reached (connection refused, DNS, TLS handshake). */
    UNREACHABLE,
    /** The target answered, but not with something we can read (HTTP 5xx from an API, malformed JSON). */
    BAD_RESPONSE,
    /** The target rejected the query (Prometheus errorType, SQL error, LogQL parse error). */
    QUERY_ERROR,
    /** The step's configuration or template values are unusable (missing label, unknown data source). */
    CONFIGURATION,
    /** Its sandbox stopped it: a limit on processes, memory, CPU time or file size was reached. */
    RESOURCE_LIMIT,
    /** The run was cancelled before the step finished. */
    CANCELLED,
    /** A bug in the bot; the reason carries the exception. */
    INTERNAL
}
