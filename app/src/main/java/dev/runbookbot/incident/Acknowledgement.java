package dev.runbookbot.incident;

import dev.runbookbot.audit.NonBlank;
import java.time.Instant;
import java.util.Objects;

/** Someone said "I'm on it": who and when. It stops the incident's escalation timer. */
public record Acknowledgement(String by, Instant at) {
    public Acknowledgement {
        NonBlank.require(by, "acknowledged by");
        Objects.requireNonNull(at, "at");
    }
}
