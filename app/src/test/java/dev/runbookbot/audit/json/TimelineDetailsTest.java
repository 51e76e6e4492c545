package dev.runbookbot.audit.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.audit.EscalationDetail;
import dev.runbookbot.audit.HandOffDetail;
import dev.runbookbot.audit.HandOffRefusedDetail;
import dev.runbookbot.audit.IncidentOpenedDetail;
import dev.runbookbot.audit.LoopIterationDetail;
import dev.runbookbot.audit.RecoveryCheckDetail;
import dev.runbookbot.audit.RunChangeDetail;
import dev.runbookbot.audit.RunRefusalDetail;
import dev.runbookbot.audit.StateChangeDetail;
import dev.runbookbot.audit.SuppressionDetail;
import dev.runbookbot.audit.ThreadOpenedDetail;
import dev.runbookbot.audit.UntilCheckDetail;
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
                "{\"type\":\"recovery_check\",\"remediation\":\"kill_idle\",\"verdict\":\"NOT_RECOVERED\","
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
                "{\"type\":\"state_change\",\"from\":\"OPEN\",\"to\":\"DIAGNOSING\",\"reason\":\"diagnostics started\"}",
                TimelineDetails.write(moved));
        String old = "{\"from\":\"AWAITING_APPROVAL\",\"to\":\"NEEDS_ATTENTION\",\"reason\":\"not recovered\","
                + "\"escalationDeadline\":\"2026-12-05T14:00:00Z\"}";
        assertEquals(
                Optional.of(new StateChangeDetail(
                        "AWAITING_APPROVAL", "NEEDS_ATTENTION", "not recovered", "2026-12-05T14:00:00Z")),
                TimelineDetails.read(old, StateChangeDetail.class));
    }

    /** Every record names itself; the names are stored in rows, so they are pinned here. */
    @Test
    void everyDetailIsWrittenWithTheNameOfItsRecord() {
        assertEquals("escalation", TimelineDetails.typeOf(EscalationDetail.class));
        assertEquals("hand_off", TimelineDetails.typeOf(HandOffDetail.class));
        assertEquals("hand_off_refused", TimelineDetails.typeOf(HandOffRefusedDetail.class));
        assertEquals("incident_opened", TimelineDetails.typeOf(IncidentOpenedDetail.class));
        assertEquals("loop_iteration", TimelineDetails.typeOf(LoopIterationDetail.class));
        assertEquals("recovery_check", TimelineDetails.typeOf(RecoveryCheckDetail.class));
        assertEquals("run_change", TimelineDetails.typeOf(RunChangeDetail.class));
        assertEquals("run_refusal", TimelineDetails.typeOf(RunRefusalDetail.class));
        assertEquals("state_change", TimelineDetails.typeOf(StateChangeDetail.class));
        assertEquals("suppression", TimelineDetails.typeOf(SuppressionDetail.class));
        assertEquals("thread_opened", TimelineDetails.typeOf(ThreadOpenedDetail.class));
        assertEquals("until_check", TimelineDetails.typeOf(UntilCheckDetail.class));
        assertTrue(
                TimelineDetails.write(new ThreadOpenedDetail("C1", "1.2")).startsWith("{\"type\":\"thread_opened\","),
                TimelineDetails.write(new ThreadOpenedDetail("C1", "1.2")));
    }

    /**
     * A hand-off has a {@code from} and a {@code to}, as a state change has: without the name, its entry read as a
     * state change from one runbook to another. With it, each reads only its own entries.
     */
    @Test
    void aDetailWrittenFromAnotherRecordWithTheSameFieldsDoesNotRead() {
        HandOffDetail handOff =
                new HandOffDetail("payments-slow", "db-pool", "abc123", "to_db", "decision 1", null, null);
        String written = TimelineDetails.write(handOff);
        assertEquals(Optional.of(handOff), TimelineDetails.read(written, HandOffDetail.class));
        assertEquals(Optional.empty(), TimelineDetails.read(written, StateChangeDetail.class));
        StateChangeDetail moved = new StateChangeDetail("OPEN", "DIAGNOSING", "diagnostics started", null);
        assertEquals(Optional.empty(), TimelineDetails.read(TimelineDetails.write(moved), HandOffDetail.class));
    }

    /**
     * Rows written before details were named carry no {@code type}: they read as the record the reader asks for (it
     * picks the record by the entry's kind), as they always did.
     */
    @Test
    void anEntryWithoutATypeReadsAsTheRecordItsReaderAsksFor() {
        String old = "{\"from\":\"payments-slow\",\"to\":\"db-pool\",\"version\":\"abc123\","
                + "\"remediation\":\"to_db\",\"chosenBy\":\"decision 1\"}";
        assertEquals(
                Optional.of(new HandOffDetail("payments-slow", "db-pool", "abc123", "to_db", "decision 1", null, null)),
                TimelineDetails.read(old, HandOffDetail.class));
        assertEquals(
                Optional.of(new StateChangeDetail("payments-slow", "db-pool", null, null)),
                TimelineDetails.read(old, StateChangeDetail.class));
    }

    @Test
    void aTypeThatIsNotTextOrAnotherNameDoesNotRead() {
        assertEquals(
                Optional.empty(),
                TimelineDetails.read("{\"type\":7,\"from\":\"OPEN\",\"to\":\"DIAGNOSING\"}", StateChangeDetail.class));
        assertEquals(
                Optional.empty(),
                TimelineDetails.read(
                        "{\"type\":\"escalation\",\"from\":\"OPEN\",\"to\":\"DIAGNOSING\"}", StateChangeDetail.class));
        assertEquals(
                Optional.of(new StateChangeDetail("OPEN", "DIAGNOSING", null, null)),
                TimelineDetails.read(
                        "{\"type\":\"state_change\",\"from\":\"OPEN\",\"to\":\"DIAGNOSING\"}",
                        StateChangeDetail.class));
    }
}
