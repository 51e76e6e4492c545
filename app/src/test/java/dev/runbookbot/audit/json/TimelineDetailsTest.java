package dev.runbookbot.audit.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runbookbot.audit.RecoveryCheckDetail;
import dev.runbookbot.audit.StateChangeDetail;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TimelineDetailsTest {
    private static final RecoveryCheckDetail DETAIL = new RecoveryCheckDetail(
            "kill_idle",
            "NOT_RECOVERED",
            "check_db is still critical: \"pool\" at 100%\n(second line)",
            List.of("pool exhausted"),
            List.of(
                    new RecoveryCheckDetail.Step("check_db", "critical", "pool full", "critical", "pool full", "100"),
                    new RecoveryCheckDetail.Step("check_api", null, null, "healthy", "ok", "")));

    @Test
    void writesTheFieldsInOrderInSnakeCaseLeavingOutWhatIsAbsent() {
        assertEquals(
                "{\"remediation\":\"kill_idle\",\"verdict\":\"NOT_RECOVERED\","
                        + "\"reason\":\"check_db is still critical: \\\"pool\\\" at 100%\\n(second line)\","
                        + "\"decisions\":[\"pool exhausted\"],"
                        + "\"steps\":[{\"step\":\"check_db\",\"before\":\"critical\",\"before_reason\":\"pool full\","
                        + "\"after\":\"critical\",\"after_reason\":\"pool full\",\"after_evidence\":\"100\"},"
                        + "{\"step\":\"check_api\",\"after\":\"healthy\",\"after_reason\":\"ok\",\"after_evidence\":\"\"}]}",
                TimelineDetails.write(DETAIL));
    }

    @Test
    void readsBackWhatItWrote() {
        assertEquals(
                Optional.of(DETAIL), TimelineDetails.read(TimelineDetails.write(DETAIL), RecoveryCheckDetail.class));
    }

    /** An entry recorded before the details were typed: the same fields, built by hand, with one more the record lacks. */
    @Test
    void readsAnEntryWrittenByHandBeforeAndIgnoresFieldsItDoesNotKnow() {
        String old = "{\"remediation\":\"kill_idle\",\"verdict\":\"RECOVERED\",\"reason\":\"all healthy\","
                + "\"decisions\":[],\"steps\":[],\"checked_by\":\"runbook-bot\"}";
        assertEquals(
                Optional.of("RECOVERED"),
                TimelineDetails.read(old, RecoveryCheckDetail.class).map(RecoveryCheckDetail::verdict));
    }

    @Test
    void aDetailOfAnotherShapeOrNoneReadsAsEmpty() {
        assertEquals(Optional.empty(), TimelineDetails.read("", RecoveryCheckDetail.class));
        assertEquals(Optional.empty(), TimelineDetails.read("not json", RecoveryCheckDetail.class));
        assertEquals(
                Optional.empty(),
                TimelineDetails.read("{\"output\":\"deployment restarted\"}", RecoveryCheckDetail.class));
    }

    /** State changes keep the names they were always stored with, and an absent deadline is left out. */
    @Test
    void aStateChangeKeepsItsCamelCaseNames() {
        StateChangeDetail moved = new StateChangeDetail("OPEN", "DIAGNOSING", "diagnostics started", null);
        assertEquals(
                "{\"from\":\"OPEN\",\"to\":\"DIAGNOSING\",\"reason\":\"diagnostics started\"}",
                TimelineDetails.write(moved));
        String old = "{\"from\":\"AWAITING_APPROVAL\",\"to\":\"NEEDS_ATTENTION\",\"reason\":\"not recovered\","
                + "\"escalationDeadline\":\"2026-12-05T14:00:00Z\"}";
        assertEquals(
                Optional.of(new StateChangeDetail(
                        "AWAITING_APPROVAL", "NEEDS_ATTENTION", "not recovered", "2026-12-05T14:00:00Z")),
                TimelineDetails.read(old, StateChangeDetail.class));
    }
}
