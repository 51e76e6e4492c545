package dev.runbookbot.slack.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.util.json.GsonFactory;
import dev.runbookbot.decide.MatchedDecision;
import dev.runbookbot.decide.OverallSeverity;
import dev.runbookbot.decide.Plan;
import dev.runbookbot.decide.PlannedRemediation;
import dev.runbookbot.decide.UnmatchedDecision;
import dev.runbookbot.diagnose.DiagnosticResult;
import dev.runbookbot.diagnose.DiagnosticStatus;
import dev.runbookbot.incident.Incident;
import dev.runbookbot.incident.IncidentSource;
import dev.runbookbot.incident.NewIncident;
import dev.runbookbot.incident.RemediationView;
import dev.runbookbot.remediate.NewRun;
import dev.runbookbot.remediate.RemediationRun;
import dev.runbookbot.runbook.RunbookSpec;
import dev.runbookbot.runbook.Severity;
import dev.runbookbot.runbook.load.RunbookLoader;
import dev.runbookbot.testing.InMemoryIncidentStore;
import dev.runbookbot.testing.ManualClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The incident messages as Slack receives them: content, escaping, buttons by state, and Slack's limits. */
class IncidentRenderingTest {
    private static final String HOSTILE = "<!channel> see <https://evil.example|docs> & more";
    private static final String RUNBOOK = """
            id: api-down
            name: API down
            description: The API does not answer
            severity: P1
            service: api
            triggers: [{type: manual}]
            diagnostics:
              - {id: health, name: API health, description: d, type: http_check, config: {}, interpret: {}}
            decisionTree:
              - {condition: "true", then: [restart_api], description: API unhealthy}
            remediations:
              - id: restart_api
                name: Restart the API
                description: Rolling restart
                type: automated
                action: {type: restart_service, config: {deployment: api}}
                requiresApproval: true
              - id: check_dashboards
                name: Check dashboards
                description: Look at the dashboards
                type: manual
                instructions: "Open <https://grafana|the dashboard>."
              - id: notify_team
                name: Notify the team
                description: Say so in the channel
                type: automated
                action: {type: notify, config: {channel: C1, text: hi}}
                safety: {safe: true}
              - id: page_oncall
                name: Page on-call
                description: Page the on-call engineer
                type: escalate
            escalation: {primary: C111}
            """;

    private final ManualClock clock = ManualClock.at("2025-03-01T03:00:00Z");
    private final InMemoryIncidentStore store = new InMemoryIncidentStore(clock);
    private final RunbookSpec runbook = new RunbookLoader()
            .parse(Path.of("runbooks/api-down.yaml"), RUNBOOK.getBytes(StandardCharsets.UTF_8))
            .spec()
            .orElseThrow();
    private final Gson gson = GsonFactory.createSnakeCase();

    private Incident incident(String title, String environment) {
        return store.open(new NewIncident(
                        title,
                        "api-down",
                        "v1",
                        "api",
                        Severity.P1,
                        environment,
                        IncidentSource.SLASH_COMMAND,
                        Optional.empty(),
                        Optional.empty(),
                        "U111",
                        Optional.empty(),
                        Optional.empty()))
                .value();
    }

    private RemediationRun propose(Incident incident, String remediation, String action, int approvals) {
        return store.propose(new NewRun(
                        incident.id(),
                        remediation,
                        1,
                        action,
                        "kubectl rollout restart deployment/api # " + HOSTILE,
                        "U111",
                        "chosen by API unhealthy",
                        approvals,
                        approvals > 0 ? Optional.of(Duration.ofMinutes(2)) : Optional.empty()))
                .value();
    }

    private RemediationView view(Incident incident, RemediationRun run) {
        return new RemediationView(
                incident, runbook, runbook.remediation(run.remediationId()).orElseThrow(), run, "");
    }

    private JsonArray json(List<LayoutBlock> blocks) {
        return gson.toJsonTree(blocks).getAsJsonArray();
    }

    private static List<JsonObject> buttons(JsonArray blocks) {
        List<JsonObject> buttons = new ArrayList<>();
        for (JsonElement block : blocks) {
            JsonObject b = block.getAsJsonObject();
            if (b.has("elements") && "actions".equals(b.get("type").getAsString())) {
                b.getAsJsonArray("elements").forEach(e -> buttons.add(e.getAsJsonObject()));
            }
        }
        return buttons;
    }

    /** No mrkdwn text carries a live mention or link (plain-text fields, such as headers, are never parsed). */
    private static void assertNoLiveMrkdwn(JsonElement node) {
        if (node.isJsonObject()) {
            JsonObject object = node.getAsJsonObject();
            if (object.has("type") && "mrkdwn".equals(object.get("type").getAsString())) {
                String text = object.get("text").getAsString();
                assertFalse(text.contains("<!") || text.contains("<http"), text);
            }
            object.entrySet().forEach(e -> assertNoLiveMrkdwn(e.getValue()));
        } else if (node.isJsonArray()) {
            node.getAsJsonArray().forEach(IncidentRenderingTest::assertNoLiveMrkdwn);
        }
    }

    private static List<String> actionIds(JsonArray blocks) {
        return buttons(blocks).stream()
                .map(b -> b.get("action_id").getAsString())
                .toList();
    }

    @Test
    void theParentShowsTheIncidentEscapedWithAnAcknowledgeButtonUntilSomeoneIsOnIt() {
        Incident incident = incident("API down " + HOSTILE, "prod " + HOSTILE);

        SlackMessage open = IncidentMessage.render(incident, runbook);
        String text = json(open.blocks()).toString();
        assertNoLiveMrkdwn(json(open.blocks()));
        assertEquals(
                "API down " + HOSTILE,
                json(open.blocks())
                        .get(0)
                        .getAsJsonObject()
                        .getAsJsonObject("text")
                        .get("text")
                        .getAsString(),
                "the title is a plain-text header, which Slack never parses");
        assertFalse(open.text().contains("<!channel>"), open.text());
        assertTrue(text.contains("prod &lt;!channel&gt; see &lt;https://evil.example|docs&gt; &amp; more"), text);
        assertTrue(text.contains("*State:* :large_blue_circle: *open*"), text);
        assertTrue(text.contains("*Triggered by:* <@U111> with `/runbook run`"), text);
        List<JsonObject> buttons = buttons(json(open.blocks()));
        assertEquals(4, buttons.size(), "I'm on it, then Resolve, Re-run diagnostics and Escalate");
        assertEquals("ack", buttons.get(0).get("action_id").getAsString());
        assertEquals(List.of("ack", "resolve", "rerun", "escalate"), actionIds(json(open.blocks())));
        assertEquals(incident.id().toString(), buttons.get(0).get("value").getAsString());

        clock.advance(Duration.ofMinutes(1));
        Incident acknowledged =
                store.acknowledge(incident.id(), "U222").appliedValue().orElseThrow();
        JsonArray after = json(IncidentMessage.render(acknowledged, runbook).blocks());
        assertTrue(after.toString().contains("*On it:* <@U222> since 2025-03-01 03:01:00 UTC"), after.toString());
        assertEquals(List.of("resolve", "rerun", "escalate"), actionIds(after), "no I'm on it once someone is");
    }

    @Test
    void aProposalShowsWhatWillRunWithApproveBehindAConfirmationAndReject() {
        Incident incident = incident("API down", "production");
        RemediationRun run = propose(incident, "restart_api", "restart_service", 2);

        JsonArray blocks = json(RemediationMessage.render(view(incident, run)).blocks());
        String text = blocks.toString();

        assertTrue(text.contains("```\\nkubectl rollout restart deployment/api # &lt;!channel&gt;"), text);
        assertNoLiveMrkdwn(blocks);
        assertTrue(text.contains("_Proposed because: API unhealthy_"), text);
        assertTrue(text.contains("Waiting for approval:* 0 of 2"), text);
        assertTrue(text.contains("Approve by 2025-03-01 03:02:00 UTC"), text);
        assertTrue(text.contains("Target: *api* in *production* · `restart_service` · run-1 · INC-1"), text);
        List<JsonObject> buttons = buttons(blocks);
        assertEquals(List.of("approve", "reject"), actionIds(blocks));
        assertEquals("run-1", buttons.get(0).get("value").getAsString());
        assertEquals("run-1", buttons.get(1).get("value").getAsString());
        JsonObject confirm = buttons.get(0).getAsJsonObject("confirm");
        assertEquals(
                "Approve Restart the API?",
                confirm.getAsJsonObject("title").get("text").getAsString());
        assertTrue(confirm.getAsJsonObject("text")
                .get("text")
                .getAsString()
                .startsWith("This runs restart_service on api in production: kubectl rollout restart"));
        assertFalse(buttons.get(1).has("confirm"), "rejecting changes nothing");
    }

    @Test
    void anEscalationSaysWhetherItWaitsForAnApproval() {
        Incident incident = incident("API down", "production");
        String now = json(RemediationMessage.render(view(incident, propose(incident, "page_oncall", "escalate", 0)))
                        .blocks())
                .toString();
        assertTrue(now.contains("*Approval:* this escalation does not wait for an approval"), now);
        RemediationRun waiting = store.propose(new NewRun(
                        incident.id(), "page_oncall", 2, "escalate", "x", "U111", "again", 2, Optional.empty()))
                .value();
        String later = json(RemediationMessage.render(view(incident, waiting)).blocks())
                .toString();
        assertTrue(later.contains("*Approval:* this escalation waits for 2 approvals before it escalates"), later);
        String restart = json(RemediationMessage.render(view(incident, propose(incident, "restart_api", "x", 1)))
                        .blocks())
                .toString();
        assertFalse(restart.contains("*Approval:*"), "actions say it in their status line");
    }

    @Test
    void afterTheDecisionTheButtonsAreGoneAndTheMessageSaysWhoAndWhen() {
        Incident incident = incident("API down", "production");
        RemediationRun run = propose(incident, "restart_api", "restart_service", 1);
        clock.advance(Duration.ofSeconds(30));
        RemediationRun approved =
                store.approve(run.id(), "U222", "ok").appliedValue().orElseThrow();

        JsonArray blocks =
                json(RemediationMessage.render(view(incident, approved)).blocks());
        assertEquals(List.of(), actionIds(blocks));
        assertTrue(blocks.toString().contains("*Approved* by <@U222> at 2025-03-01 03:00:30 UTC"), blocks.toString());

        RemediationRun other = propose(incident, "check_dashboards", "manual", 0);
        RemediationRun rejected = store.propose(new NewRun(
                        incident.id(), "restart_api", 2, "restart_service", "x", "U111", "again", 1, Optional.empty()))
                .value();
        rejected = store.reject(rejected.id(), "U333", "no").appliedValue().orElseThrow();
        JsonArray rejectedBlocks =
                json(RemediationMessage.render(view(incident, rejected)).blocks());
        assertEquals(List.of("propose_again"), actionIds(rejectedBlocks), "no approve or reject once rejected");
        assertTrue(rejectedBlocks.toString().contains("*Rejected* by <@U333> at 2025-03-01 03:00:30 UTC"));

        assertEquals(
                List.of("done"),
                actionIds(json(RemediationMessage.render(view(incident, other)).blocks())));
    }

    @Test
    void aManualStepShowsItsInstructionsEscapedWithDoneAndASafeActionShowsRun() {
        Incident incident = incident("API down", "production");
        RemediationRun manual = propose(incident, "check_dashboards", "manual", 0);
        RemediationRun safe = propose(incident, "notify_team", "notify", 0);

        JsonArray manualBlocks =
                json(RemediationMessage.render(view(incident, manual)).blocks());
        assertTrue(
                manualBlocks.toString().contains("Open &lt;https://grafana|the dashboard&gt;."),
                manualBlocks.toString());
        assertEquals(List.of("done"), actionIds(manualBlocks));
        JsonArray safeBlocks =
                json(RemediationMessage.render(view(incident, safe)).blocks());
        assertEquals(List.of("run"), actionIds(safeBlocks));
        assertFalse(buttons(safeBlocks).get(0).has("confirm"));
    }

    @Test
    void aLongDiagnosisStaysWithinSlacksLimitsAndPointsAtTheTimeline() {
        Incident incident = incident("API down", "production");
        List<DiagnosticResult> results = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            results.add(new DiagnosticResult(
                    "step" + i,
                    "Step " + i,
                    runbook.diagnostics().get(0).type(),
                    i % 2 == 0 ? DiagnosticStatus.CRITICAL : DiagnosticStatus.HEALTHY,
                    "reason " + HOSTILE,
                    Optional.empty(),
                    Map.of(),
                    "evidence ".repeat(200) + HOSTILE,
                    List.of(),
                    Instant.parse("2025-03-01T03:00:00Z"),
                    Duration.ofMillis(5)));
        }

        SlackMessage message = DiagnosisMessage.render(incident, runbook, results, 60, true);

        assertTrue(message.blocks().size() <= 50, "blocks: " + message.blocks().size());
        String text = json(message.blocks()).toString();
        assertTrue(text.length() < 13_000, "total " + text.length());
        assertNoLiveMrkdwn(json(message.blocks()));
        assertTrue(text.contains("*Diagnosis finished* (60 steps): 30 healthy, 30 critical"), text);
        assertTrue(text.contains(":red_circle: *Step 0*: critical (reason &lt;!channel&gt;"), text);
        assertTrue(text.contains("runbookctl timeline INC-1"), text);
    }

    @Test
    void theProgressNamesTheStepsStillRunning() {
        Incident incident = incident("API down", "production");
        String text = json(DiagnosisMessage.render(incident, runbook, List.of(), 1, false)
                        .blocks())
                .toString();
        assertTrue(text.contains("*Diagnosing…* 0 of 1 step finished"), text);
        assertTrue(text.contains("Still running: API health"), text);
    }

    @Test
    void thePlanShowsTheVerdictWhatMatchedAndWhatCouldNotBeEvaluated() {
        Incident incident = incident("API down", "production");
        Plan plan = new Plan(
                OverallSeverity.CRITICAL,
                List.of(new PlannedRemediation(runbook.remediations().get(0), "API unhealthy", List.of())),
                List.of(new MatchedDecision(0, "API unhealthy", "API unhealthy", "true", List.of("restart_api"))),
                List.of(
                        new UnmatchedDecision(
                                1, "DB full", "db.status == 'critical'", "step db errored: " + HOSTILE, true),
                        new UnmatchedDecision(2, "Deploy", "deploy.status == 'critical'", "condition is false", false)),
                List.of(),
                Instant.parse("2025-03-01T03:00:05Z"));

        String text = json(PlanMessage.render(incident, runbook, plan).blocks()).toString();

        assertTrue(text.contains(":red_circle: *Verdict: critical*\\nProposed, in order: Restart the API"), text);
        assertTrue(text.contains(":white_check_mark: *API unhealthy*\\nmatched `true`\\nproposes `restart_api`"), text);
        assertTrue(
                text.contains(":warning: *DB full* could not be evaluated: step db errored: &lt;!channel&gt;"), text);
        assertTrue(text.contains("Did not match: Deploy"), text);
    }

    @Test
    void theOneReplyShowsTheVerdictAndEveryProposalFirstAndCutsTheDiagnosisBeforeAnyButton() {
        Incident incident = incident("API down", "production");
        List<DiagnosticResult> results = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            results.add(new DiagnosticResult(
                    "step" + i,
                    "Step " + i,
                    runbook.diagnostics().get(0).type(),
                    DiagnosticStatus.CRITICAL,
                    "reason " + HOSTILE,
                    Optional.empty(),
                    Map.of(),
                    "evidence ".repeat(200) + HOSTILE,
                    List.of(),
                    Instant.parse("2025-03-01T03:00:00Z"),
                    Duration.ofMillis(5)));
        }
        Plan plan = new Plan(
                OverallSeverity.CRITICAL,
                List.of(new PlannedRemediation(runbook.remediations().get(0), "API unhealthy", List.of())),
                List.of(new MatchedDecision(0, "API unhealthy", "API unhealthy", "true", List.of("restart_api"))),
                List.of(),
                List.of(),
                Instant.parse("2025-03-01T03:00:05Z"));
        RemediationRun restart = propose(incident, "restart_api", "restart_service", 1);
        RemediationRun manual = propose(incident, "check_dashboards", "manual", 0);

        SlackMessage message = new ThreadReplyMessage(
                        incident,
                        runbook,
                        Optional.of(new ThreadReplyMessage.Diagnosis(results, 60, true)),
                        Optional.of(plan),
                        List.of(view(incident, restart), view(incident, manual)),
                        List.of(),
                        Optional.empty())
                .render();

        assertTrue(message.blocks().size() <= 50, "blocks: " + message.blocks().size());
        JsonArray blocks = json(message.blocks());
        String text = blocks.toString();
        assertTrue(text.length() < 13_000, "total " + text.length());
        assertNoLiveMrkdwn(blocks);
        assertEquals(List.of("approve", "reject", "done"), actionIds(blocks));
        assertTrue(text.indexOf("*Verdict: critical*") < text.indexOf("Restart the API"), text);
        assertTrue(text.indexOf("Restart the API") < text.indexOf("*Diagnosis finished*"), text);
        assertTrue(text.contains("left out; full output in `runbookctl timeline INC-1`"), text);
        assertEquals("INC-1 verdict: critical, 1 remediation(s) proposed", message.text());
    }

    @Test
    void theRunbooksLastTimesAreShownLastInTheReplyNeverPostedForThemselves() {
        Incident incident = incident("API down", "production");
        String lastTimes = "Last times: runbook api-down handled 1 incident before this one:\n"
                + "• INC-0 (2025-03-01 02:00 UTC): restart_api succeeded; " + HOSTILE;

        String text = json(new ThreadReplyMessage(
                                incident,
                                runbook,
                                Optional.of(new ThreadReplyMessage.Diagnosis(List.of(), 2, false)),
                                Optional.empty(),
                                List.of(),
                                List.of(),
                                Optional.of(lastTimes))
                        .render()
                        .blocks())
                .toString();

        assertTrue(text.contains("Last times: runbook api-down handled 1 incident before this one:"), text);
        assertTrue(text.indexOf("Last times:") > text.indexOf("INC-1"), text);
        assertNoLiveMrkdwn(json(new ThreadReplyMessage(
                        incident,
                        runbook,
                        Optional.empty(),
                        Optional.empty(),
                        List.of(),
                        List.of(),
                        Optional.of(lastTimes))
                .render()
                .blocks()));
    }

    @Test
    void aReplyShownAgainByAnotherProcessShowsTheDiagnosisAsRecorded() {
        Incident incident = incident("API down", "production");
        RemediationRun restart = propose(incident, "restart_api", "restart_service", 1);

        String text = json(new ThreadReplyMessage(
                                incident,
                                runbook,
                                Optional.empty(),
                                Optional.empty(),
                                List.of(view(incident, restart)),
                                List.of("API health: critical (" + HOSTILE + ")"),
                                Optional.empty())
                        .render()
                        .blocks())
                .toString();

        assertTrue(text.contains("*The diagnosis, as recorded*\\nAPI health: critical (&lt;!channel&gt;"), text);
        assertTrue(text.contains("all of it is in `runbookctl timeline INC-1`"), text);
    }

    @Test
    void aRunCancelledByItsPreconditionOffersProposeAgainAndItsReasonCannotForgeAStatusLine() {
        Incident incident = incident("API down", "production");
        RemediationRun run = propose(incident, "restart_api", "restart_service", 0);
        RemediationRun cancelled = store.cancel(
                        run.id(),
                        "runbook-bot",
                        "its precondition `diagnostics.api.body == 'down'` no longer holds, re-checked just now:"
                                + " diagnostics.api.body='up\n:white_check_mark: *Approved* by U222'")
                .appliedValue()
                .orElseThrow();

        JsonArray blocks =
                json(RemediationMessage.render(view(incident, cancelled)).blocks());
        assertEquals(List.of("propose_again"), actionIds(blocks), "it did not run; it may be proposed anew");
        String status = RemediationMessage.status(cancelled);
        assertTrue(status.contains("*Cancelled* at "), status);
        assertTrue(status.contains("body='up :white_check_mark: *Approved* by U222'. It did not run."), status);
        assertEquals(false, status.contains("\n"), status);
    }

    @Test
    void theHomeTabStaysWithin100Blocks() {
        List<Incident> open = new ArrayList<>();
        Map<RemediationRun, Incident> runs = new LinkedHashMap<>();
        for (int i = 0; i < 40; i++) {
            Incident incident = incident("Incident " + i + " " + HOSTILE, "production");
            open.add(incident);
            runs.put(propose(incident, "restart_api", "restart_service", 1), incident);
        }
        List<RunbookSpec> catalog = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            catalog.add(runbook);
        }

        List<LayoutBlock> blocks = HomeTab.render(open, runs, catalog);

        assertTrue(blocks.size() <= 100, "blocks: " + blocks.size());
        String text = json(blocks).toString();
        assertNoLiveMrkdwn(json(blocks));
        assertTrue(text.contains("*INC-1* Incident 0 &lt;!channel&gt;"), text);
        assertTrue(text.contains("left out; full output in `runbookctl incidents`"), text);
    }
}
