package dev.runbookbot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.audit.IncidentId;
import dev.runbookbot.incident.Incident;
import dev.runbookbot.incident.IncidentSource;
import dev.runbookbot.incident.NewIncident;
import dev.runbookbot.incident.Recorded;
import dev.runbookbot.incident.StoreException;
import dev.runbookbot.incident.StoreUnavailableException;
import dev.runbookbot.incident.intake.AlertStatus;
import dev.runbookbot.incident.intake.GroupedAlert;
import dev.runbookbot.remediate.NewRun;
import dev.runbookbot.remediate.RemediationRun;
import dev.runbookbot.remediate.RunState;
import dev.runbookbot.remediate.TransitionResult;
import dev.runbookbot.runbook.Severity;
import dev.runbookbot.secrets.Secret;
import dev.runbookbot.testing.ManualClock;
import dev.runbookbot.testing.NewIncidents;
import dev.runbookbot.testing.PostgresDatabases;
import dev.runbookbot.testing.PostgresServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PostgreSQL store beyond the shared contracts: the same schema as SQLite, what only a shared server shows (two
 * replicas, each with its own pool, racing on one database), the alert ledger and promotions, and the errors a wrong
 * setting gives.
 */
class PostgresStoreIT {
    private static PostgresDatabases postgres;

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

    private static final int RACERS = 12;

    @TempDir
    Path directory;

    private final ManualClock clock = ManualClock.at("2024-05-01T10:00:00Z");
    private final List<AutoCloseable> open = new ArrayList<>();
    private PostgresStoreSettings settings;
    private ExecutorService threads;

    @BeforeEach
    void freshDatabase() {
        settings = postgres.fresh();
        threads = Executors.newFixedThreadPool(RACERS);
    }

    @AfterEach
    void closeAll() throws Exception {
        threads.shutdownNow();
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private PostgresDatabase replica() {
        PostgresDatabase database = PostgresDatabase.open(settings, postgres.password(), clock);
        open.add(database);
        return database;
    }

    @Test
    void bothEnginesHaveTheSameVersionsTablesAndColumns() {
        Map<String, TreeSet<String>> sqlite;
        try (SqliteDatabase file = SqliteDatabase.open(StoreOptions.at(directory.resolve("bot.db")), clock)) {
            sqlite = columns(file, """
                    SELECT m.name AS table_name, p.name AS column_name
                      FROM sqlite_schema m JOIN pragma_table_info(m.name) p
                     WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'
                    """);
            assertEquals(SchemaMigrations.LATEST, file.schemaVersion());
        }
        PostgresDatabase postgres = replica();
        Map<String, TreeSet<String>> pg = columns(postgres, """
                SELECT table_name, column_name FROM information_schema.columns
                 WHERE table_schema = current_schema() AND column_name <> 'rowid'
                """);

        assertEquals(sqlite, pg);
        assertEquals(SchemaMigrations.LATEST, postgres.schemaVersion());
        assertEquals(
                postgres.read(h -> h.createQuery("SELECT version || '|' || description FROM schema_version ORDER BY 1")
                        .mapTo(String.class)
                        .list()),
                SchemaMigrations.MIGRATIONS.stream()
                        .map(m -> m.version() + "|" + m.description())
                        .sorted()
                        .toList());
    }

    private static Map<String, TreeSet<String>> columns(StoreDatabase database, String query) {
        Map<String, TreeSet<String>> tables = new TreeMap<>();
        database.read(h -> h.createQuery(query).mapToMap().list())
                .forEach(row -> tables.computeIfAbsent((String) row.get("table_name"), t -> new TreeSet<>())
                        .add((String) row.get("column_name")));
        return tables;
    }

    @Test
    void aSecondReplicaStartingOnAMigratedDatabaseChangesNothing() {
        PostgresDatabase first = replica();
        PostgresDatabase second = replica();

        assertEquals(SchemaMigrations.LATEST, second.schemaVersion());
        int recorded = first.read(h -> h.createQuery("SELECT count(*) FROM schema_version")
                .mapTo(Integer.class)
                .one());
        assertEquals(SchemaMigrations.MIGRATIONS.size(), recorded);
    }

    @Test
    void theSameAlertOnEveryReplicaAtOnceOpensOneIncident() throws Exception {
        List<JdbiIncidentStore> stores =
                List.of(new JdbiIncidentStore(replica(), clock), new JdbiIncidentStore(replica(), clock));

        List<Recorded<Incident>> results = race(i -> stores.get(i % 2).open(alert("fp-storm")));

        assertEquals(1, results.stream().filter(r -> !r.duplicate()).count());
        assertEquals(1, results.stream().map(r -> r.value().id()).distinct().count());
        assertEquals(1, stores.get(0).incidents(true, 100).size());
    }

    @Test
    void anAttemptProposedOnEveryReplicaAtOnceIsOneRun() throws Exception {
        List<JdbiIncidentStore> stores =
                List.of(new JdbiIncidentStore(replica(), clock), new JdbiIncidentStore(replica(), clock));
        IncidentId incident = stores.get(0).open(alert("fp-1")).value().id();

        List<Recorded<RemediationRun>> results = race(i -> stores.get(i % 2).propose(run(incident, "restart", 1)));

        assertEquals(1, results.stream().filter(r -> !r.duplicate()).count());
        assertEquals(1, results.stream().map(r -> r.value().id()).distinct().count());
        assertEquals(1, stores.get(1).runs(incident).size());
    }

    @Test
    void approvalsClickedOnEveryReplicaAtOnceApplyOnce() throws Exception {
        List<JdbiIncidentStore> stores =
                List.of(new JdbiIncidentStore(replica(), clock), new JdbiIncidentStore(replica(), clock));
        IncidentId incident = stores.get(0).open(alert("fp-1")).value().id();
        RemediationRun pending =
                stores.get(0).propose(run(incident, "restart", 1)).value();

        List<TransitionResult<RemediationRun>> results =
                race(i -> stores.get(i % 2).approve(pending.id(), "U" + i, "double click " + i));

        assertEquals(
                1,
                results.stream()
                        .filter(r -> r instanceof TransitionResult.Applied<RemediationRun>)
                        .count());
        RemediationRun after = stores.get(1).run(pending.id()).orElseThrow();
        assertEquals(RunState.APPROVED, after.state());
        assertEquals(1, after.approvals().size());
    }

    @Test
    void twoRunsOnOneTargetStartedOnDifferentReplicasNeverRunTogether() throws Exception {
        List<JdbiIncidentStore> stores =
                List.of(new JdbiIncidentStore(replica(), clock), new JdbiIncidentStore(replica(), clock));
        List<RemediationRun> approved = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
            IncidentId incident = stores.get(0).open(alert("fp-" + i)).value().id();
            approved.add(stores.get(0).propose(run(incident, "restart", 0)).value());
        }

        List<TransitionResult<RemediationRun>> results = race(
                i -> stores.get(i % 2).start(approved.get(i).id(), "U1", "worker-" + (i % 2), Duration.ofMinutes(5)));

        assertEquals(
                1,
                results.stream()
                        .filter(r -> r instanceof TransitionResult.Applied<RemediationRun>)
                        .count());
        long running = approved.stream()
                .map(r -> stores.get(0).run(r.id()).orElseThrow().state())
                .filter(RunState.RUNNING::equals)
                .count();
        assertEquals(1, running);
    }

    @Test
    void theAlertLedgerAndPromotionsWorkOnPostgres() {
        PostgresDatabase database = replica();
        IncidentId incident = new JdbiIncidentStore(database, clock)
                .open(alert("fp-1"))
                .value()
                .id();
        JdbiAlertLedger ledger = new JdbiAlertLedger(database);
        Instant start = clock.instant();
        ledger.record(List.of(
                new GroupedAlert("g1", "fp-b", "B", Optional.of(incident), AlertStatus.FIRING, start, Optional.empty()),
                new GroupedAlert(
                        "g1", "fp-a", "A", Optional.of(incident), AlertStatus.FIRING, start, Optional.empty())));
        ledger.record(List.of(new GroupedAlert(
                "g1",
                "fp-b",
                "B",
                Optional.of(incident),
                AlertStatus.RESOLVED,
                start,
                Optional.of(start.plusSeconds(60)))));

        assertEquals(
                List.of("fp-b", "fp-a"),
                ledger.group("g1").stream().map(GroupedAlert::fingerprint).toList());
        assertEquals(Optional.of(start.plusSeconds(60)), ledger.lastResolution("fp-b"));
        assertEquals(Optional.empty(), ledger.lastResolution("fp-a"));

        JdbiPromotions promotions = new JdbiPromotions(database, clock);
        long first = promotions
                .promote("clear-cache", "Prod", "U1", "https://ci.example/1")
                .id();
        long second = promotions
                .promote("clear-cache", "staging", "U1", "https://ci.example/2")
                .id();
        assertTrue(second > first);
        assertTrue(promotions.isPromoted("clear-cache", "PROD"));
        assertFalse(promotions.isPromoted("clear-cache", "dev"));
    }

    @Test
    void aNulCharacterInAlertTextIsStoredAsTheReplacementCharacter() {
        JdbiIncidentStore store = new JdbiIncidentStore(replica(), clock);
        NewIncident hostile = new NewIncident(
                "payments\u0000 5xx",
                "payments-slow",
                "3f2a9c1",
                "pay\u0000ments",
                Severity.P1,
                "eu\u0000-west",
                IncidentSource.ALERTMANAGER,
                Optional.of("fp-\u0000"),
                Optional.empty(),
                "alertmanager",
                Optional.empty(),
                Optional.of(Duration.ofMinutes(30)));

        Incident opened = store.open(hostile).value();

        Incident stored = store.incident(opened.id()).orElseThrow();
        assertEquals("payments\uFFFD 5xx", stored.title());
        assertEquals("eu\uFFFD-west", stored.environment());
        assertTrue(store.open(hostile).duplicate(), "the same alert again finds its open incident");
    }

    @Test
    void aServerThatIsNotThereIsNamedWithTheSettingToFix() throws Exception {
        int port;
        try (java.net.ServerSocket socket =
                new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        PostgresStoreSettings nowhere = PostgresStoreSettings.of(
                "jdbc:postgresql://127.0.0.1:" + port + "/bot", Optional.of("bot"), Optional.empty());

        StoreUnavailableException e = assertThrows(
                StoreUnavailableException.class, () -> PostgresDatabase.open(nowhere, Optional.empty(), clock));

        assertTrue(
                e.getMessage().startsWith("PostgreSQL at 127.0.0.1:" + port + "/bot cannot be reached (08001"),
                e.getMessage());
        assertTrue(e.getMessage().contains("store.url (RUNBOOK_STORE_URL)"), e.getMessage());
    }

    @Test
    void aWrongPasswordIsRefusedWithoutShowingIt() {
        Optional<Secret> wrong = Optional.of(new Secret(PostgresDatabases.PASSWORD_SECRET, "not-the-password-x7"));

        StoreException e = assertThrows(StoreException.class, () -> PostgresDatabase.open(settings, wrong, clock));

        assertTrue(e.getMessage().contains("refused the login (28P01"), e.getMessage());
        assertTrue(e.getMessage().contains("RUNBOOK_STORE_PASSWORD_SECRET"), e.getMessage());
        assertFalse(e.getMessage().contains("not-the-password-x7"), e.getMessage());
    }

    @Test
    void aMissingDatabaseAndAForeignOneAreRefused() throws Exception {
        PostgresServer server = postgres.server();
        PostgresStoreSettings missing = PostgresStoreSettings.of(
                server.jdbcUrl("no_such_db"), Optional.of(PostgresServer.SUPERUSER), Optional.empty());
        StoreException noDatabase =
                assertThrows(StoreException.class, () -> PostgresDatabase.open(missing, postgres.password(), clock));
        assertTrue(
                noDatabase.getMessage().contains("/no_such_db does not exist on the server"), noDatabase.getMessage());

        String name = settings.url().substring(settings.url().lastIndexOf('/') + 1);
        server.execute(name, "CREATE TABLE orders (id INTEGER)");
        StoreException foreign =
                assertThrows(StoreException.class, () -> PostgresDatabase.open(settings, postgres.password(), clock));
        assertTrue(foreign.getMessage().contains("is not a runbook-bot database"), foreign.getMessage());
    }

    @Test
    void badUrlsAreRefusedWithWhatIsWrong() {
        assertEquals(
                "names no database; expected jdbc:postgresql://host:port/database",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> PostgresStoreSettings.of(
                                        "jdbc:postgresql://db.internal:5432/", Optional.empty(), Optional.empty()))
                        .getMessage());
        IllegalArgumentException withPassword = assertThrows(
                IllegalArgumentException.class,
                () -> PostgresStoreSettings.of(
                        "jdbc:postgresql://bot:hunter2@db.internal/bot", Optional.empty(), Optional.empty()));
        assertFalse(withPassword.getMessage().contains("hunter2"));
        assertInstanceOf(
                IllegalArgumentException.class,
                assertThrows(
                        IllegalArgumentException.class,
                        () -> PostgresStoreSettings.of(
                                "postgres://bot:hunter2@db/bot", Optional.empty(), Optional.empty())));
    }

    private <T> List<T> race(Function<Integer, T> action) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
            int n = i;
            Callable<T> call = () -> {
                go.await();
                return action.apply(n);
            };
            futures.add(threads.submit(call));
        }
        go.countDown();
        List<T> results = new ArrayList<>();
        for (Future<T> f : futures) {
            results.add(f.get());
        }
        return results;
    }

    private static NewIncident alert(String fingerprint) {
        return NewIncidents.alert(fingerprint);
    }

    private static NewRun run(IncidentId incident, String remediation, int approvals) {
        return new NewRun(
                incident,
                remediation,
                1,
                "restart_service",
                "kubectl rollout restart deployment/api",
                "U0REQUESTER",
                "decision high-error-rate",
                approvals,
                Optional.of(Duration.ofMinutes(10)));
    }
}
