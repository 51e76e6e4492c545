package dev.runbookbot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.audit.AutomationEvent;
import dev.runbookbot.audit.AutomationResult;
import dev.runbookbot.audit.ChatLocation;
import dev.runbookbot.audit.NewTimelineEvent;
import dev.runbookbot.audit.TimelineKind;
import dev.runbookbot.incident.Incident;
import dev.runbookbot.incident.IncidentQueries;
import dev.runbookbot.incident.IncidentSource;
import dev.runbookbot.incident.IncidentState;
import dev.runbookbot.incident.NewIncident;
import dev.runbookbot.incident.StoreException;
import dev.runbookbot.remediate.NewRun;
import dev.runbookbot.remediate.RemediationRun;
import dev.runbookbot.remediate.RunState;
import dev.runbookbot.runbook.Severity;
import dev.runbookbot.testing.InMemoryIncidentStore;
import dev.runbookbot.testing.ManualClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The store-reading subcommands, in-process against the in-memory store, with their exact output. */
class StoreCommandsTest {
    private static final Path DEFAULT_DB = Path.of("runbook-bot.db");

    private final ManualClock clock = ManualClock.at("2024-05-01T10:00:00Z");
    private final InMemoryIncidentStore store = new InMemoryIncidentStore(clock);
    private final List<Path> opened = new ArrayList<>();

    /** Reads the in-memory store and remembers which file the command asked for. */
    private final StoreReader reader = new StoreReader() {
        @Override
        public <T> T read(Path database, Function<? super IncidentQueries, ? extends T> query) {
            opened.add(database);
            return query.apply(store);
        }
    };

    private final StoreReader broken = new StoreReader() {
        @Override
        public <T> T read(Path database, Function<? super IncidentQueries, ? extends T> query) {
            throw new StoreException("no database at /srv/none.db; runbook-bot creates it when it first starts");
        }
    };

    record Run(int exit, String out, String err) {}

    private static Run run(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = command instanceof CommandLine cl ? cl : new CommandLine(command);
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int exit = commandLine.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private Incident payments() {
        return store.open(new NewIncident(
                        "payments 5xx above 5%",
                        "payments-slow",
                        "3f2a9c1",
                        "payments",
                        Severity.P1,
                        "prod",
                        IncidentSource.ALERTMANAGER,
                        Optional.of("4f1c9a0b"),
                        Optional.empty(),
                        "alertmanager",
                        Optional.empty(),
                        Optional.of(Duration.ofMinutes(30))))
                .value();
    }

    private Incident checkout(String title) {
        return store.open(new NewIncident(
                        title,
                        "checkout-latency",
                        "77aa001",
                        "checkout",
                        Severity.P3,
                        "staging",
                        IncidentSource.SLASH_COMMAND,
                        Optional.empty(),
                        Optional.empty(),
                        "U0ALICE",
                        Optional.empty(),
                        Optional.empty()))
                .value();
    }

    @Test
    void incidentsListsNewestFirstAndFiltersOpenOnes() {
        Incident first = payments();
        clock.advance(Duration.ofMinutes(90));
        checkout("checkout p99 over 2s");
        store.moveTo(first.id(), IncidentState.RESOLVED, "alertmanager", "alert resolved");

        Run all = run(new IncidentsCommand(reader, () -> DEFAULT_DB));
        assertEquals(0, all.exit(), all.err());
        assertEquals("""
                ID     STATE     SEV  SERVICE   ENV      RUNBOOK           OPENED (UTC)         TITLE
                INC-2  open      P3   checkout  staging  checkout-latency  2024-05-01 11:30:00  checkout p99 over 2s
                INC-1  resolved  P1   payments  prod     payments-slow     2024-05-01 10:00:00  payments 5xx above 5%
                """, all.out());
        assertEquals(List.of(DEFAULT_DB), opened, "without --db the injected default is read");

        Run open = run(new IncidentsCommand(reader, () -> DEFAULT_DB), "--open", "--db", "/srv/bot.db");
        assertEquals("""
                ID     STATE  SEV  SERVICE   ENV      RUNBOOK           OPENED (UTC)         TITLE
                INC-2  open   P3   checkout  staging  checkout-latency  2024-05-01 11:30:00  checkout p99 over 2s
                """, open.out());
        assertEquals(Path.of("/srv/bot.db"), opened.get(1));
    }

    @Test
    void incidentsSaysSoWhenThereAreNone() {
        assertEquals(
                "No incidents yet.\n",
                run(new IncidentsCommand(reader, () -> DEFAULT_DB)).out());
        assertEquals(
                "No open incidents.\n",
                run(new IncidentsCommand(reader, () -> DEFAULT_DB), "--open").out());
    }

    @Test
    void alertTextCannotDriveTheTerminal() {
        checkout("evil\u001b[2J\rtitle\nsecond line");
        Run listed = run(new IncidentsCommand(reader, () -> DEFAULT_DB));
        assertTrue(listed.out().contains("evil [2J title second line"), listed.out());
        assertTrue(listed.out().chars().noneMatch(c -> c == 0x1b || c == '\r'));
    }

    @Test
    void timelineIsMarkdownForAPostIncidentReview() {
        Incident incident = payments();
        store.attachThread(incident.id(), new ChatLocation("C0INCIDENTS", "1714557600.000100"));
        clock.advance(Duration.ofSeconds(2));
        store.moveTo(incident.id(), IncidentState.DIAGNOSING, "runbook-bot", "5 diagnostics");
        store.append(NewTimelineEvent.of(
                incident.id(),
                clock.instant().plusSeconds(3),
                TimelineKind.DIAGNOSTIC,
                "runbook-bot",
                "error-rate: critical (7.2% > 5%)",
                "{}"));
        clock.advance(Duration.ofSeconds(10));
        RemediationRun run = store.propose(new NewRun(
                        incident.id(),
                        "restart-api",
                        1,
                        "restart_service",
                        "kubectl rollout restart deployment/api",
                        "runbook-bot",
                        "decision high-error-rate",
                        1,
                        Optional.of(Duration.ofSeconds(120))))
                .value();
        clock.advance(Duration.ofSeconds(30));
        store.acknowledge(incident.id(), "U0BOB");
        store.approve(run.id(), "U0BOB", "");
        store.start(run.id(), "U0BOB", "worker-1", Duration.ofSeconds(90));
        clock.advance(Duration.ofSeconds(40));
        store.finish(run.id(), RunState.SUCCEEDED, "worker-1", "rollout complete", "");
        store.moveTo(incident.id(), IncidentState.RESOLVED, "alertmanager", "alert resolved");

        Run timeline = run(new TimelineCommand(reader, () -> DEFAULT_DB), "INC-1");
        assertEquals(0, timeline.exit(), timeline.err());
        assertEquals("""
                # INC-1: payments 5xx above 5%

                | | |
                |---|---|
                | Runbook | payments-slow (version 3f2a9c1) |
                | Service | payments |
                | Severity | P1 |
                | Environment | prod |
                | Source | alertmanager (dedup key 4f1c9a0b) |
                | Triggered by | alertmanager |
                | Opened | 2024-05-01 10:00:00 UTC |
                | State | resolved (since 2024-05-01 10:01:22 UTC) |
                | Acknowledged | U0BOB at 2024-05-01 10:00:42 UTC |
                | Slack thread | C0INCIDENTS / 1714557600.000100 |

                ## Timeline

                | Time (UTC) | Kind | Actor | Event |
                |---|---|---|---|
                | 2024-05-01 10:00:00 | state | alertmanager | alertmanager opened INC-1 (alertmanager): payments 5xx above 5% |
                | 2024-05-01 10:00:00 | message | runbook-bot | thread opened in C0INCIDENTS |
                | 2024-05-01 10:00:02 | state | runbook-bot | INC-1 open -> diagnosing: 5 diagnostics |
                | 2024-05-01 10:00:05 | diagnostic | runbook-bot | error-rate: critical (7.2% > 5%) |
                | 2024-05-01 10:00:12 | approval | runbook-bot | runbook-bot proposed restart-api (run-1) (restart\\_service): needs 1 approval by 2024-05-01T10:02:12Z |
                | 2024-05-01 10:00:42 | acknowledgement | U0BOB | U0BOB acknowledged INC-1; escalation due at 2024-05-01T10:30:00Z cancelled |
                | 2024-05-01 10:00:42 | approval | U0BOB | U0BOB approved restart-api (run-1); it may run |
                | 2024-05-01 10:00:42 | action | U0BOB | U0BOB started restart-api (run-1) on worker-1 |
                | 2024-05-01 10:01:22 | action | worker-1 | restart-api (run-1) succeeded: rollout complete |
                | 2024-05-01 10:01:22 | state | alertmanager | INC-1 diagnosing -> resolved: alert resolved |

                ## Remediations

                | Run | Remediation | Action | Requested by | Approvals | Outcome |
                |---|---|---|---|---|---|
                | run-1 | restart-api (attempt 1) | restart\\_service | runbook-bot | U0BOB (1 of 1) | succeeded at 2024-05-01 10:01:22 by worker-1: rollout complete |
                """, timeline.out());
    }

    @Test
    void hostileTextStaysInsideItsCell() {
        Incident incident = checkout("a | b");
        store.append(NewTimelineEvent.of(
                incident.id(),
                clock.instant(),
                TimelineKind.ALERT,
                "alert|manager",
                "<script>x</script> [click](https://evil.example) line\nbreak",
                ""));
        String markdown =
                run(new TimelineCommand(reader, () -> DEFAULT_DB), "1").out();
        assertTrue(markdown.startsWith("# INC-1: a \\| b\n"), markdown);
        assertTrue(
                markdown.contains(
                        "| alert\\|manager | \\<script>x\\</script> \\[click\\](https://evil.example) line break |"),
                markdown);
    }

    @Test
    void timelineNamesAnUnknownIncidentAndABadId() {
        Run unknown = run(new TimelineCommand(reader, () -> DEFAULT_DB), "INC-9");
        assertEquals(1, unknown.exit());
        assertEquals("runbookctl timeline: no incident INC-9 in runbook-bot.db\n", unknown.err());
        Run bad = run(new TimelineCommand(reader, () -> DEFAULT_DB), "nine");
        assertEquals(2, bad.exit());
        assertEquals(
                "runbookctl timeline: 'nine' is not an incident id: expected a number such as INC-42 or 42\n",
                bad.err());
    }

    @Test
    void overridesReportRanksActionsThatNeedAHuman() {
        Incident incident = payments();
        for (AutomationResult result :
                List.of(AutomationResult.REQUIRES_MANUAL, AutomationResult.OVERRIDDEN, AutomationResult.SUCCEEDED)) {
            store.record(new AutomationEvent(
                    Optional.of(incident.id()),
                    Optional.empty(),
                    clock.instant(),
                    "payments",
                    "prod",
                    "restart_service",
                    result,
                    "U1",
                    ""));
        }
        store.record(new AutomationEvent(
                Optional.empty(),
                Optional.empty(),
                clock.instant(),
                "cache",
                "prod",
                "flush_cache",
                AutomationResult.REQUIRES_MANUAL,
                "U1",
                ""));
        Run report = run(ReportCommand.withReports(reader, () -> DEFAULT_DB), "overrides");
        assertEquals(0, report.exit(), report.err());
        assertEquals("""
                ACTION           NEEDED A HUMAN  REQUIRES MANUAL  OVERRIDDEN  ALL EVENTS
                restart_service  2               1                1           3
                flush_cache      1               1                0           1
                """, report.out());
    }

    @Test
    void overridesReportSaysSoWhenEmptyAndReportAloneShowsUsage() {
        assertEquals(
                "No action has needed a human yet.\n",
                run(ReportCommand.withReports(reader, () -> DEFAULT_DB), "overrides")
                        .out());
        Run bare = run(ReportCommand.withReports(reader, () -> DEFAULT_DB));
        assertEquals(2, bare.exit());
        assertTrue(bare.err().contains("overrides"), bare.err());
    }

    @Test
    void storeErrorsArePrintedWithoutAStackTrace() {
        for (Object command : List.of(
                new IncidentsCommand(broken, () -> DEFAULT_DB),
                new TimelineCommand(broken, () -> DEFAULT_DB),
                ReportCommand.withReports(broken, () -> DEFAULT_DB))) {
            Run failed = command instanceof ReportCommand || command instanceof CommandLine
                    ? run(command, "overrides")
                    : command instanceof TimelineCommand ? run(command, "1") : run(command);
            assertEquals(1, failed.exit());
            assertTrue(
                    failed.err()
                            .endsWith(": no database at /srv/none.db; runbook-bot creates it when it first starts\n"),
                    failed.err());
            assertTrue(!failed.err().contains("\tat "), "no stack trace");
        }
    }
}
