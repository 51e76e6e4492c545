package dev.runbookbot.incident.escalation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.audit.Actor;
import dev.runbookbot.audit.ChatPost;
import dev.runbookbot.audit.TimelineKind;
import dev.runbookbot.incident.ChatGateway;
import dev.runbookbot.incident.Incident;
import dev.runbookbot.incident.IncidentSource;
import dev.runbookbot.incident.RemediationView;
import dev.runbookbot.incident.RunRequest;
import dev.runbookbot.incident.StartResult;
import dev.runbookbot.remediate.Page;
import dev.runbookbot.remediate.PageResult;
import dev.runbookbot.remediate.Pager;
import dev.runbookbot.runbook.RunbookSpec;
import dev.runbookbot.testing.InMemoryIncidentStore;
import dev.runbookbot.testing.IncidentTestBed;
import dev.runbookbot.testing.ManualClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An escalate remediation: a page when there is a pager, the escalation channel when not or when paging fails. */
class IncidentEscalatorTest {
    private final ManualClock clock = ManualClock.at("2026-11-23T03:00:00Z");
    private final InMemoryIncidentStore store = new InMemoryIncidentStore(clock);
    private final IncidentTestBed bed =
            new IncidentTestBed(store, clock, IncidentTestBed.PAYMENTS, IncidentTestBed.NEEDS_NAMESPACE);
    private final List<Page> pages = new ArrayList<>();

    @AfterEach
    void close() {
        bed.close();
    }

    @Test
    void withAPagerItPagesAndPostsNothing() {
        Incident incident = open("payments-slow", Map.of());
        IncidentEscalator escalator = escalator(Optional.of(pager(new PageResult.Paged("accepted, dedup_key INC-1"))));

        EscalationReport report = escalator.escalate(incident, runbook("payments-slow"), "runbook-bot", "pods down");

        assertTrue(report.reached());
        assertEquals("paged FakeDuty (accepted, dedup_key INC-1)", report.summary());
        assertEquals("INC-1", pages.get(0).dedupKey());
        assertEquals("pods down", pages.get(0).details().get("why"));
        assertTrue(bed.chat().calls().stream().noneMatch(c -> c.startsWith("post ")));
        assertEquals(
                List.of("runbook-bot asked to escalate: paged FakeDuty (accepted, dedup_key INC-1)"),
                bed.timeline(incident.id(), TimelineKind.ESCALATION));
    }

    @Test
    void whenThePageFailsItPostsToTheSecondaryChannelInstead() {
        Incident incident = open("payments-slow", Map.of());
        IncidentEscalator escalator = escalator(Optional.of(pager(new PageResult.Failed("HTTP 503 from PagerDuty"))));

        EscalationReport report = escalator.escalate(incident, runbook("payments-slow"), "U-ONCALL", "pods down");

        assertTrue(report.reached());
        assertEquals("could not page FakeDuty: HTTP 503 from PagerDuty; posted to #sre-escalation", report.summary());
        assertTrue(
                bed.chat()
                        .calls()
                        .contains("post #sre-escalation INC-1 needs more hands (pods down): PaymentsSlow (P1, payments,"
                                + " production). Thread: message 1001.000100 in #inc-payments"),
                bed.chat().calls().toString());
    }

    @Test
    void withoutAPagerOrASecondaryChannelItPostsToThePrimaryChannel() {
        Incident incident = open("needs-namespace", Map.of("namespace", "web"));

        EscalationReport report =
                escalator(Optional.empty()).escalate(incident, runbook("needs-namespace"), "runbook-bot", "why not");

        assertTrue(report.reached());
        assertEquals("posted to #inc-platform", report.summary());
    }

    @Test
    void aChannelTheBotCannotPostInIsReportedAsNotReached() {
        Incident incident = open("payments-slow", Map.of());
        ChatRefusingPosts chat = new ChatRefusingPosts();
        IncidentEscalator escalator = new IncidentEscalator(bed.catalog(), store, chat, Optional.empty(), clock);

        EscalationReport report = escalator.escalate(incident, runbook("payments-slow"), "runbook-bot", "pods down");

        assertFalse(report.reached());
        assertEquals("could not post to #sre-escalation: channel_not_found", report.summary());
    }

    private Incident open(String runbook, Map<String, String> labels) {
        StartResult result = bed.service()
                .start(new RunRequest(
                        runbook,
                        Map.of(),
                        Optional.empty(),
                        Actor.system("alertmanager"),
                        IncidentSource.ALERTMANAGER,
                        Optional.empty(),
                        labels,
                        Map.of(),
                        Optional.of("fp-" + runbook),
                        Optional.empty(),
                        Optional.of("PaymentsSlow")));
        return ((StartResult.Started) result).incident();
    }

    private RunbookSpec runbook(String id) {
        return bed.catalog().byId(id).orElseThrow();
    }

    private IncidentEscalator escalator(Optional<Pager> pager) {
        return new IncidentEscalator(bed.catalog(), store, bed.chat(), pager, clock);
    }

    private Pager pager(PageResult answer) {
        return new Pager() {
            @Override
            public PageResult page(Page page) {
                pages.add(page);
                return answer;
            }

            @Override
            public String name() {
                return "FakeDuty";
            }
        };
    }

    /** Posting fails; everything else is a no-op. */
    private static final class ChatRefusingPosts implements ChatGateway {
        @Override
        public ChatPost openThread(String channel, Incident incident, RunbookSpec runbook) {
            return new ChatPost.Failed("not used");
        }

        @Override
        public void showIncident(Incident incident, RunbookSpec runbook) {}

        @Override
        public void showDiagnosis(
                Incident incident,
                RunbookSpec runbook,
                List<dev.runbookbot.diagnose.DiagnosticResult> results,
                int total,
                boolean finished) {}

        @Override
        public void showPlan(Incident incident, RunbookSpec runbook, dev.runbookbot.decide.Plan plan) {}

        @Override
        public ChatPost showRemediation(RemediationView view) {
            return new ChatPost.Failed("not used");
        }

        @Override
        public void note(Incident incident, String text) {}

        @Override
        public ChatPost post(String channel, String text) {
            return new ChatPost.Failed("channel_not_found");
        }

        @Override
        public void tell(String channel, String userId, String text) {}
    }
}
