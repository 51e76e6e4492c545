package dev.runbookbot.audit.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runbookbot.audit.EscalationDetail;
import dev.runbookbot.audit.HandOffDetail;
import dev.runbookbot.audit.IncidentOpenedDetail;
import dev.runbookbot.audit.RunChangeDetail;
import dev.runbookbot.audit.RunRefusalDetail;
import dev.runbookbot.audit.SuppressionDetail;
import dev.runbookbot.audit.ThreadOpenedDetail;
import dev.runbookbot.audit.TimelineDetail;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The details that were built by hand before they were typed: each is written with the names and order the hand-built
 * JSON had, so rows stored before and after read the same, and an old row reads back as its record.
 */
class TypedDetailsTest {
    @Test
    void eachDetailReadsBackAsWritten() {
        List<TimelineDetail> details = List.of(
                RunChangeDetail.of(7, "restart", 2, "restart_service", "PROPOSED", "APPROVED", 1, 1)
                        .withReason("ok")
                        .withOutput("deployment restarted"),
                new RunRefusalDetail("NOT_ALLOWED", "a \"hostile\"\nreason"),
                new IncidentOpenedDetail(
                        "disk-full",
                        "v1",
                        "db",
                        "P2",
                        "production",
                        "ALERTMANAGER",
                        "fp",
                        null,
                        "2026-01-01T00:00:00Z"),
                new EscalationDetail("OPEN", "2026-01-01T00:00:00Z", "nobody acknowledged"),
                new ThreadOpenedDetail("C1", "1.2"),
                new SuppressionDetail("r", "planned", "maintenance window", "expected", "restart"),
                new HandOffDetail("a", "b", "v2", "to-b", "db down", "db=orders", ""));
        for (TimelineDetail detail : details) {
            assertEquals(
                    Optional.of(detail),
                    TimelineDetails.read(TimelineDetails.write(detail), detail.getClass()),
                    detail.toString());
        }
    }

    @Test
    void theNamesAndOrderAreThoseOfTheHandBuiltDetails() {
        assertEquals(
                "{\"type\":\"run_change\",\"run\":7,\"remediation\":\"restart\",\"attempt\":2,\"action\":\"restart_service\",\"to\":\"PROPOSED\","
                        + "\"approvals\":0,\"required\":1,\"preview\":\"kubectl rollout restart\"}",
                TimelineDetails.write(RunChangeDetail.of(7, "restart", 2, "restart_service", null, "PROPOSED", 0, 1)
                        .withPreview("kubectl rollout restart")));
        assertEquals(
                "{\"type\":\"suppression\",\"runbook\":\"r\",\"remediation\":\"planned\",\"chosenBy\":\"window\",\"reason\":\"expected\","
                        + "\"notProposed\":\"\"}",
                TimelineDetails.write(new SuppressionDetail("r", "planned", "window", "expected", "")));
        assertEquals(
                "{\"type\":\"incident_opened\",\"runbook\":\"disk-full\",\"version\":\"v1\",\"service\":\"db\",\"severity\":\"P2\","
                        + "\"environment\":\"production\",\"source\":\"ALERTMANAGER\",\"dedupKey\":\"fp\"}",
                TimelineDetails.write(new IncidentOpenedDetail(
                        "disk-full", "v1", "db", "P2", "production", "ALERTMANAGER", "fp", null, null)));
    }

    @Test
    void anOldRowReadsTolerantly() {
        // As the hand-built JSON of an earlier version stored it, with a field this version does not know.
        String old = "{\"from\":\"checkout\",\"to\":\"db-down\",\"version\":\"abc\",\"remediation\":\"hand\","
                + "\"chosenBy\":\"db is down\",\"params\":\"db=orders\",\"notProposed\":\"\",\"extra\":1}";
        assertEquals(
                Optional.of(new HandOffDetail("checkout", "db-down", "abc", "hand", "db is down", "db=orders", "")),
                TimelineDetails.read(old, HandOffDetail.class));
        assertEquals(Optional.empty(), TimelineDetails.read("not json", HandOffDetail.class));
    }
}
