package dev.runbookbot.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.audit.Actor;
import dev.runbookbot.audit.RunId;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.incident.Incident;
import dev.runbookbot.incident.IncidentSource;
import dev.runbookbot.incident.NewIncident;
import dev.runbookbot.incident.Remediator;
import dev.runbookbot.remediate.NewRun;
import dev.runbookbot.remediate.RemediationRun;
import dev.runbookbot.remediate.RunContext;
import dev.runbookbot.remediate.RunState;
import dev.runbookbot.runbook.RemediationSpec;
import dev.runbookbot.runbook.RunbookSpec;
import dev.runbookbot.runbook.Severity;
import dev.runbookbot.runbook.load.RunbookLoader;
import dev.runbookbot.testing.InMemoryIncidentStore;
import dev.runbookbot.testing.ManualClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Steps are counted from what the store says happened, once per run that reached a final state. */
class MeteredRemediatorTest {
    private final ManualClock clock = ManualClock.at("2026-11-23T03:00:00Z");
    private final InMemoryIncidentStore store = new InMemoryIncidentStore(clock);
    private final Metrics metrics = new Metrics();

    @Test
    void aRunThatFinishesCountsUnderItsServiceActionAndResult() {
        RunId run = approvedRun();
        Remediator metered = new MeteredRemediator(finishing(RunState.FAILED), store, metrics);

        // two clicks, each loading the run as it is then
        metered.execute(context(run), new Actor("U1", "T1"));
        metered.execute(context(run), new Actor("U1", "T1"));

        String text = scrape();
        assertTrue(
                text.contains("runbook_steps_executed_total{action=\"restart_service\",result=\"failed\","
                        + "service=\"payments\"} 1.0"),
                text);
    }

    @Test
    void aRunThatWasRefusedBeforeItStartedIsNotCounted() {
        RunId run = approvedRun();
        Remediator refusing = new Remediator() {
            @Override
            public String preview(
                    Incident incident, RunbookSpec runbook, RemediationSpec remediation, TemplateContext inputs) {
                return "";
            }

            @Override
            public String execute(RunContext context, Actor actor) {
                return context.run().id() + " did not run: another remediation is running on payments in prod";
            }

            @Override
            public String markDone(RunContext context, Actor actor) {
                throw new AssertionError("not a manual step");
            }
        };

        new MeteredRemediator(refusing, store, metrics).execute(context(run), new Actor("U1", "T1"));

        assertFalse(scrape().contains("runbook_steps_executed_total{"), scrape());
    }

    private RunId approvedRun() {
        Incident incident = store.open(new NewIncident(
                        "payments slow",
                        "payments-slow",
                        "v1",
                        "payments",
                        Severity.P1,
                        "prod",
                        IncidentSource.ALERTMANAGER,
                        Optional.of("fp"),
                        Optional.empty(),
                        "alertmanager",
                        Optional.empty(),
                        Optional.empty()))
                .value();
        RemediationRun run = store.propose(new NewRun(
                        incident.id(),
                        "kill_idle_connections",
                        1,
                        "restart_service",
                        "restart deployment/payments",
                        "runbook-bot",
                        "chosen by test",
                        0,
                        Optional.empty()))
                .value();
        assertEquals(RunState.APPROVED, run.state());
        return run.id();
    }

    /** The run's context as a click loads it: the run as stored now, its incident, the runbook, no inputs. */
    private RunContext context(RunId id) {
        RemediationRun run = store.run(id).orElseThrow();
        Incident incident = store.incident(run.incidentId()).orElseThrow();
        RunbookSpec runbook = new RunbookLoader()
                .load(Path.of(System.getProperty("runbookbot.runbooks", "../runbooks"), "payments-slow.yaml"))
                .spec()
                .orElseThrow();
        return new RunContext(
                run,
                incident.target(),
                runbook,
                runbook.remediation(run.remediationId()).orElseThrow(),
                TemplateContext.empty());
    }

    private Remediator finishing(RunState outcome) {
        return new Remediator() {
            @Override
            public String preview(
                    Incident incident, RunbookSpec runbook, RemediationSpec remediation, TemplateContext inputs) {
                return "";
            }

            @Override
            public String execute(RunContext context, Actor actor) {
                RunId run = context.run().id();
                if (store.start(run, actor.userId(), "w1", Duration.ofMinutes(1))
                        .isApplied()) {
                    store.finish(run, outcome, actor.userId(), "done", "");
                }
                return run + " finished";
            }

            @Override
            public String markDone(RunContext context, Actor actor) {
                throw new AssertionError("not a manual step");
            }
        };
    }

    private String scrape() {
        return new String(metrics.scrape(), StandardCharsets.UTF_8);
    }
}
