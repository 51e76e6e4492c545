package dev.runbookbot.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.cli.Runbookctl;
import dev.runbookbot.incident.Incident;
import dev.runbookbot.incident.NewIncident;
import dev.runbookbot.incident.intake.AlertStatus;
import dev.runbookbot.incident.intake.GroupedAlert;
import dev.runbookbot.remediate.NewRun;
import dev.runbookbot.remediate.RemediationRun;
import dev.runbookbot.secrets.MasterKeys;
import dev.runbookbot.secrets.SecretBox;
import dev.runbookbot.store.JdbiAlertLedger;
import dev.runbookbot.store.JdbiIncidentStore;
import dev.runbookbot.store.JdbiPromotions;
import dev.runbookbot.store.JdbiSecretStore;
import dev.runbookbot.store.PostgresDatabase;
import dev.runbookbot.store.SqliteDatabase;
import dev.runbookbot.store.StoreDatabase;
import dev.runbookbot.store.StoreOptions;
import dev.runbookbot.testing.ManualClock;
import dev.runbookbot.testing.NewIncidents;
import dev.runbookbot.testing.PostgresDatabases;
import dev.runbookbot.testing.PostgresServer;
import dev.runbookbot.testing.TestKeys;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code runbookctl store copy --from sqlite:PATH --to jdbc:postgresql://...} through the real command line: every
 * table arrives with its ids and values, the next id continues after the copied ones, a second copy is refused and
 * changes nothing, and the other commands ({@code incidents}, {@code secret list}) read the PostgreSQL store through
 * the same settings ({@code RUNBOOK_STORE_URL} and friends).
 */
class StoreCopyIT {
    private static PostgresDatabases postgres;

    @TempDir
    Path dir;

    private final ManualClock clock = ManualClock.at("2024-05-01T10:00:00Z");

    @BeforeAll
    static void startServer() throws Exception {
        postgres = PostgresDatabases.start();
    }

    @AfterAll
    static void stopServer() {
        if (postgres != null) {
            postgres.close();
        }
    }

    private record Run(int exit, String out, String err) {}

    private Run runbookctl(Map<String, String> env, String... args) {
        CommandLine line = Runbookctl.commandLine(CommandLineWiring.context(env));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        line.setOut(new PrintWriter(out));
        line.setErr(new PrintWriter(err));
        int exit = line.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void anSqliteRecordIsCopiedWholeOnceAndTheCliReadsItFromPostgres() {
        Path file = dir.resolve("runbook-bot.db");
        MasterKeys keys = MasterKeys.of(TestKeys.a());
        Incident first;
        Incident second;
        RemediationRun run;
        try (SqliteDatabase sqlite = SqliteDatabase.open(StoreOptions.at(file), clock)) {
            JdbiIncidentStore store = new JdbiIncidentStore(sqlite, clock);
            first = store.open(alert("fp-1")).value();
            second = store.open(alert("fp-2")).value();
            run = store.propose(run(first, 2)).value();
            store.approve(run.id(), "U1", "first of two");
            store.recordDelivery("am:1", "alertmanager", "{\"alerts\":[]}");
            new JdbiSecretStore(sqlite, new SecretBox(keys, new SecureRandom()), clock)
                    .put("redis-password", "s3cr3t-value", "cli:test");
            new JdbiPromotions(sqlite, clock).promote("clear-cache", "prod", "U1", "https://ci.example/1");
            new JdbiAlertLedger(sqlite)
                    .record(List.of(new GroupedAlert(
                            "g1",
                            "fp-1",
                            "PaymentsSlow",
                            Optional.of(first.id()),
                            AlertStatus.FIRING,
                            clock.instant(),
                            Optional.empty())));
        }
        var target = postgres.fresh();
        Map<String, String> env = Map.of(
                "RUNBOOK_STORE_USER", PostgresServer.SUPERUSER,
                "RUNBOOK_STORE_PASSWORD_SECRET", PostgresDatabases.PASSWORD_SECRET,
                "RUNBOOK_SECRET_STORE_PASSWORD", postgres.server().superuserPassword(),
                "RUNBOOK_MASTER_KEY", TestKeys.A_BASE64,
                "RUNBOOK_CONFIG", dir.resolve("none.yaml").toString());

        Run copied = runbookctl(env, "store", "copy", "--from", "sqlite:" + file, "--to", target.url());

        assertEquals(0, copied.exit(), copied.err());
        assertTrue(copied.out().contains("  incident 2\n"), copied.out());
        assertTrue(copied.out().contains("  run_approval 1\n"), copied.out());
        assertTrue(copied.out().contains("  secret 1\n"), copied.out());
        assertFalse(copied.out().contains("s3cr3t-value") || copied.err().contains("s3cr3t-value"));
        try (SqliteDatabase sqlite = SqliteDatabase.openReadOnly(StoreOptions.at(file));
                PostgresDatabase pg = PostgresDatabase.openExisting(target, postgres.password())) {
            for (String table : List.of(
                    "incident",
                    "remediation_run",
                    "run_approval",
                    "run_transition",
                    "timeline_event",
                    "automation_event",
                    "inbound_event",
                    "secret",
                    "promotion",
                    "alert_group_member")) {
                assertEquals(rows(sqlite, table), rows(pg, table), table);
            }
            JdbiIncidentStore copy = new JdbiIncidentStore(pg, clock);
            assertEquals(Optional.of(first), copy.incident(first.id()));
            assertEquals(Optional.of(second), copy.incident(second.id()));
            assertEquals(new JdbiIncidentStore(sqlite, clock).run(run.id()), copy.run(run.id()));
            assertEquals(
                    "s3cr3t-value",
                    new JdbiSecretStore(pg, new SecretBox(keys, new SecureRandom()), clock)
                            .get("redis-password")
                            .orElseThrow()
                            .reveal());
            Incident next = copy.open(alert("fp-3")).value();
            assertEquals(second.id().value() + 1, next.id().value(), "ids continue after the copied ones");
        }

        Run again = runbookctl(env, "store", "copy", "--from", "sqlite:" + file, "--to", target.url());
        assertEquals(1, again.exit());
        assertTrue(again.err().contains("already holds records (incident 3"), again.err());
        assertTrue(again.err().contains("nothing was copied"), again.err());

        Map<String, String> onPostgres = new java.util.HashMap<>(env);
        onPostgres.put("RUNBOOK_STORE_URL", target.url());
        Run incidents = runbookctl(onPostgres, "incidents");
        assertEquals(0, incidents.exit(), incidents.err());
        assertTrue(incidents.out().contains("INC-3"), incidents.out());
        assertTrue(incidents.out().contains("INC-1"), incidents.out());
        Run secrets = runbookctl(onPostgres, "secret", "list");
        assertEquals(0, secrets.exit(), secrets.err());
        assertTrue(secrets.out().contains("redis-password"), secrets.out());
        assertFalse(secrets.out().contains("s3cr3t-value"));
    }

    private static List<Map<String, Object>> rows(StoreDatabase database, String table) {
        return database
                .read(h -> h.createQuery("SELECT * FROM " + table + " ORDER BY 1, 2")
                        .mapToMap()
                        .list())
                .stream()
                .map(StoreCopyIT::comparable)
                .toList();
    }

    /** Values as both engines give them: whole numbers as long, the PostgreSQL-only rowid left out. */
    private static Map<String, Object> comparable(Map<String, Object> row) {
        Map<String, Object> out = new java.util.TreeMap<>();
        row.forEach((k, v) -> {
            if (!k.equals("rowid")) {
                out.put(k, v instanceof Integer i ? Long.valueOf(i) : v);
            }
        });
        return out;
    }

    private static NewIncident alert(String fingerprint) {
        return NewIncidents.alert(fingerprint);
    }

    private static NewRun run(Incident incident, int approvals) {
        return new NewRun(
                incident.id(),
                "restart",
                1,
                "restart_service",
                "kubectl rollout restart deployment/api",
                "U0REQUESTER",
                "decision high-error-rate",
                approvals,
                Optional.of(Duration.ofMinutes(10)));
    }
}
