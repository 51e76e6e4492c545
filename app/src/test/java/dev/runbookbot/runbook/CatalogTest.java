package dev.runbookbot.runbook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CatalogTest {
    private static RunbookSpec runbook(
            String id, String service, List<String> tags, List<String> aliases, List<TriggerSpec> triggers) {
        return new RunbookSpec(
                id,
                id + " name",
                "runbook " + id,
                Severity.P2,
                service,
                tags,
                aliases,
                "",
                List.of(),
                triggers,
                List.of(),
                List.of(),
                List.of(),
                new EscalationSpec("#incidents", Optional.empty(), 30),
                ApprovalSpec.defaults(),
                "0123456789ab",
                Path.of(id + ".yaml"));
    }

    private static TriggerSpec alert(String name, Map<String, String> matchers) {
        return new TriggerSpec(
                TriggerType.ALERT,
                Optional.of(name),
                matchers,
                Optional.empty(),
                Optional.empty(),
                ">",
                Optional.empty(),
                SourceLocation.unknown(Path.of("t.yaml")));
    }

    private static TriggerSpec pagerDuty(String service) {
        return new TriggerSpec(
                TriggerType.MANUAL,
                Optional.empty(),
                Map.of(),
                Optional.empty(),
                Optional.empty(),
                ">",
                Optional.of(service),
                SourceLocation.unknown(Path.of("t.yaml")));
    }

    private final Catalog catalog = Catalog.of(List.of(
            runbook(
                    "payments-slow",
                    "payment-service",
                    List.of("payments", "latency", "5xx", "errors"),
                    List.of("payment-service-slow"),
                    List.of(alert("PaymentServiceHighLatency", Map.of()), pagerDuty("PAYMENTS1"))),
            runbook(
                    "crashloop-generic",
                    "kubernetes",
                    List.of("crashloop", "restarts"),
                    List.of(),
                    List.of(alert("KubePodCrashLooping", Map.of()))),
            runbook(
                    "crashloop-payments",
                    "payment-service",
                    List.of("crashloop"),
                    List.of(),
                    List.of(alert("KubePodCrashLooping", Map.of("namespace", "payments")))),
            runbook(
                    "crashloop-payments-api",
                    "payment-service",
                    List.of("crashloop"),
                    List.of(),
                    List.of(alert("KubePodCrashLooping", Map.of("namespace", "payments", "container", "api")))),
            runbook(
                    "tls-cert-expiry",
                    "cert-manager",
                    List.of("tls", "certificate", "expiry"),
                    List.of("ssl-expiry"),
                    List.of(pagerDuty("Edge TLS")))));

    @Test
    void listsRunbooksById() {
        assertEquals(
                List.of(
                        "crashloop-generic",
                        "crashloop-payments",
                        "crashloop-payments-api",
                        "payments-slow",
                        "tls-cert-expiry"),
                catalog.all().stream().map(RunbookSpec::id).toList());
    }

    @Test
    void resolvesByIdOrAlias() {
        assertEquals(
                "payments-slow", catalog.byId("payments-slow").orElseThrow().id());
        assertEquals(
                "payments-slow",
                catalog.byId("payment-service-slow").orElseThrow().id());
        assertEquals(Optional.empty(), catalog.byId("payments"));
    }

    @Test
    void suggestsCloseIdsForAnUnknownOne() {
        assertEquals(List.of("payments-slow"), catalog.suggestIds("payment-slow"));
        assertEquals(List.of("tls-cert-expiry"), catalog.suggestIds("ssl-expiri"));
        assertEquals(List.of(), catalog.suggestIds("database"));
    }

    @Test
    void resolvesAnAlertToTheMostSpecificMatchingTrigger() {
        assertEquals(
                "crashloop-payments-api",
                catalog.forAlert("KubePodCrashLooping", Map.of("namespace", "payments", "container", "api", "pod", "x"))
                        .orElseThrow()
                        .id());
        assertEquals(
                "crashloop-payments",
                catalog.forAlert("KubePodCrashLooping", Map.of("namespace", "payments", "container", "worker"))
                        .orElseThrow()
                        .id());
        assertEquals(
                "crashloop-generic",
                catalog.forAlert("KubePodCrashLooping", Map.of("namespace", "search"))
                        .orElseThrow()
                        .id());
        assertEquals(
                "payments-slow",
                catalog.forAlert("PaymentServiceHighLatency", Map.of())
                        .orElseThrow()
                        .id());
        assertEquals(Optional.empty(), catalog.forAlert("Watchdog", Map.of()));
    }

    @Test
    void resolvesAPagerDutyServiceByIdThenName() {
        assertEquals(
                "payments-slow",
                catalog.forPagerDutyService("PAYMENTS1", "whatever")
                        .orElseThrow()
                        .id());
        assertEquals(
                "tls-cert-expiry",
                catalog.forPagerDutyService("PXXXXXX", "edge tls").orElseThrow().id());
        assertEquals(Optional.empty(), catalog.forPagerDutyService("PXXXXXX", "Other"));
    }

    @Test
    void regexMatchersPickTheRunbookOfAnAlertAndOfAPagerDutyIncident() {
        TriggerSpec pgbouncerPd = new TriggerSpec(
                TriggerType.MANUAL,
                Optional.empty(),
                Map.of("urgency", "=~high"),
                Optional.empty(),
                Optional.empty(),
                ">",
                Optional.of("PDB1"),
                SourceLocation.unknown(Path.of("t.yaml")));
        Catalog regexes = Catalog.of(List.of(
                runbook(
                        "pgbouncer",
                        "db",
                        List.of(),
                        List.of(),
                        List.of(alert("TooManyConnections", Map.of("job", "=~pgbouncer-.*")), pgbouncerPd)),
                runbook(
                        "postgres",
                        "db",
                        List.of(),
                        List.of(),
                        List.of(alert("TooManyConnections", Map.of("job", "!~pgbouncer-.*"))))));
        assertEquals(
                "pgbouncer",
                regexes.forAlert("TooManyConnections", Map.of("job", "pgbouncer-2"))
                        .orElseThrow()
                        .id());
        assertEquals(
                "postgres",
                regexes.forAlert("TooManyConnections", Map.of("job", "my-pgbouncer-2"))
                        .orElseThrow()
                        .id());
        assertEquals(
                "postgres",
                regexes.forAlert("TooManyConnections", Map.of()).orElseThrow().id());
        assertEquals(
                "pgbouncer",
                regexes.forPagerDuty("PDB1", "db", Map.of("urgency", "high"))
                        .orElseThrow()
                        .id());
        assertEquals(Optional.empty(), regexes.forPagerDuty("PDB1", "db", Map.of("urgency", "low")));
        assertEquals(Optional.empty(), regexes.forPagerDutyService("PDB1", "db"));
    }

    @Test
    void findsRunbooksByServiceAndSymptom() {
        assertEquals(
                List.of("payments-slow"),
                catalog.forSymptom("payments", "elevated 5xx").stream()
                        .map(RunbookSpec::id)
                        .toList());
        assertEquals(
                "tls-cert-expiry",
                catalog.forSymptom("", "certificates expiring").get(0).id());
        assertEquals(
                List.of("crashloop-payments", "crashloop-payments-api", "payments-slow"),
                catalog.forSymptom("payment-service", "").stream()
                        .map(RunbookSpec::id)
                        .toList());
        assertEquals(
                "crashloop-payments",
                catalog.forSymptom("payments", "pods crashlooping").get(0).id());
        assertEquals(List.of(), catalog.forSymptom("search", "elevated 5xx"));
    }
}
