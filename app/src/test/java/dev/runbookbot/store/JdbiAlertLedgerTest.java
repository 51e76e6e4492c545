package dev.runbookbot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runbookbot.audit.IncidentId;
import dev.runbookbot.incident.IncidentSource;
import dev.runbookbot.incident.NewIncident;
import dev.runbookbot.incident.intake.AlertStatus;
import dev.runbookbot.incident.intake.GroupedAlert;
import dev.runbookbot.runbook.Severity;
import dev.runbookbot.testing.ManualClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The alerts of Alertmanager groups on a real SQLite file: replaced by group and fingerprint, kept after resolving. */
class JdbiAlertLedgerTest {
    private static final Instant START = Instant.parse("2026-11-23T07:00:00Z");

    @TempDir
    Path dir;

    private final ManualClock clock = ManualClock.at("2026-11-23T07:10:00Z");
    private SqliteDatabase database;

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
    }

    @Test
    void alertsAreRecordedPerGroupAndFingerprintAndTheirLatestEndIsKept() {
        database = SqliteDatabase.open(StoreOptions.at(dir.resolve("bot.db")), clock);
        JdbiIncidentStore store = new JdbiIncidentStore(database, clock);
        IncidentId incident = store.open(new NewIncident(
                        "Payments slow",
                        "payments-slow",
                        "1",
                        "payments",
                        Severity.P2,
                        "production",
                        IncidentSource.ALERTMANAGER,
                        Optional.of("fp-1"),
                        Optional.empty(),
                        "alertmanager",
                        Optional.empty(),
                        Optional.empty()))
                .value()
                .id();
        JdbiAlertLedger ledger = new JdbiAlertLedger(database);
        GroupedAlert one = firing("g", "fp-1", Optional.of(incident));
        GroupedAlert two = firing("g", "fp-2", Optional.of(incident));
        ledger.record(List.of(one, two));
        ledger.record(List.of(one.resolved(START.plusSeconds(60))));
        ledger.record(List.of(firing("other", "fp-1", Optional.empty()).resolved(START.plusSeconds(90))));

        assertEquals(List.of(one.resolved(START.plusSeconds(60)), two), ledger.group("g"));
        assertEquals(List.of(one.resolved(START.plusSeconds(60)), two), ledger.ofIncident(incident));
        assertEquals(Optional.of(START.plusSeconds(90)), ledger.lastResolution("fp-1"), "the latest end in any group");
        assertEquals(Optional.empty(), ledger.lastResolution("fp-2"));
    }

    private static GroupedAlert firing(String group, String fingerprint, Optional<IncidentId> incident) {
        return new GroupedAlert(
                group, fingerprint, "PaymentsSlow", incident, AlertStatus.FIRING, START, Optional.empty());
    }
}
