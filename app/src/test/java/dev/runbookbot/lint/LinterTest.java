package dev.runbookbot.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.expr.cel.CelConditionLanguage;
import dev.runbookbot.runbook.DiagnosticType;
import dev.runbookbot.runbook.LoadedRunbook;
import dev.runbookbot.runbook.Problem;
import dev.runbookbot.runbook.RunbookSpec;
import dev.runbookbot.runbook.load.RunbookLoader;
import dev.runbookbot.testing.FakeDiagnosticTypes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinterTest {
    /** A valid runbook; tests change one thing in it. */
    static final String BASE = """
            id: base
            name: Base
            description: A valid runbook
            severity: P3
            service: example
            parameters:
              - name: namespace
                default: production
              - name: window
                type: duration
                default: 5m
            triggers:
              - type: alert
                alertName: BaseAlert
            diagnostics:
              - id: check_errors
                name: Error rate
                description: Share of 5xx responses
                type: prometheus_query
                config:
                  query: 'sum(rate(http_requests_total{namespace="{{ params.namespace }}"}[{{ params.window }}]))'
                interpret:
                  critical: "value >= 5.0"
                  healthy: "value < 5.0"
            decisionTree:
              - condition: "diagnostics.check_errors.status == 'critical'"
                then: [page_oncall]
                description: Errors are high
            remediations:
              - id: page_oncall
                name: Page on-call
                description: Page the on-call engineer
                type: escalate
            escalation:
              primary: "#incidents"
            """;

    private final RunbookLoader loader = new RunbookLoader();
    private final Linter linter = new Linter(FakeDiagnosticTypes.all(), new CelConditionLanguage());

    private LoadedRunbook load(String name, String yaml) {
        return loader.parse(Path.of(name), yaml.getBytes(StandardCharsets.UTF_8));
    }

    private List<String> lint(String yaml) {
        return lint(linter, yaml);
    }

    private List<String> lint(Linter with, String yaml) {
        return with.lint(List.of(load("r.yaml", yaml))).problems().stream()
                .map(Problem::format)
                .toList();
    }

    private List<String> lintAll(String... yamls) {
        List<LoadedRunbook> loaded = new ArrayList<>();
        for (int i = 0; i < yamls.length; i++) {
            loaded.add(load((char) ('a' + i) + ".yaml", yamls[i]));
        }
        return linter.lint(loaded).problems().stream().map(Problem::format).toList();
    }

    private static String replace(String text, String old, String replacement) {
        assertTrue(text.contains(old), old);
        return text.replace(old, replacement);
    }

    private static String withRemediation(String remediation) {
        return replace(BASE, "escalation:\n", remediation + "escalation:\n")
                .replace("then: [page_oncall]", "then: [page_oncall, fix]");
    }

    private static String withDiagnostic(String diagnostic) {
        return replace(BASE, "decisionTree:\n", diagnostic + "decisionTree:\n");
    }

    @Test
    void aValidRunbookHasNoProblemAndIsUsable() {
        LintReport report = linter.lint(List.of(load("r.yaml", BASE)));
        assertEquals(List.of(), report.problems());
        assertEquals(
                List.of("base"), report.usable().stream().map(RunbookSpec::id).toList());
        assertEquals("base", report.catalog().byId("base").orElseThrow().id());
    }

    @Test
    void aRunbookWithAnErrorIsNotUsableButOthersAre() {
        LintReport report = linter.lint(List.of(
                load("a.yaml", BASE.replace("id: base", "id: good")),
                load("b.yaml", BASE.replace("id: base", "id: bad").replace("[page_oncall]", "[nope]"))));
        assertTrue(report.hasErrors());
        assertEquals(
                List.of("good"), report.usable().stream().map(RunbookSpec::id).toList());
    }

    // ids

    @Test
    void idsMustBeUsableWhereTheyAreRead() {
        assertEquals(
                List.of("r.yaml:1:5: error: runbook id 'Base Runbook' may only use lower-case letters, digits, '.',"
                        + " '_' and '-' (people type it: /runbook run <id>)"),
                lint(BASE.replace("id: base", "id: Base Runbook")));
        assertEquals(
                List.of(
                        "r.yaml:16:9: error: diagnostic id 'check-errors' cannot be read by conditions (use letters,"
                                + " digits and '_' (conditions read diagnostics.check_errors.status))",
                        "r.yaml:26:29: error: condition reads diagnostic 'check_errors', which this runbook does not"
                                + " define (did you mean 'check-errors'?)"),
                lint(BASE.replace("- id: check_errors", "- id: check-errors")));
        assertEquals(
                List.of(
                        "r.yaml:7:11: error: parameter name 'name-space' cannot be used in templates (use letters,"
                                + " digits and '_' (templates read {{ params.<name> }}))",
                        "r.yaml:21:55: error: template uses params.namespace, which this runbook does not declare"
                                + " (did you mean 'params.name-space'?)"),
                lint(BASE.replace("- name: namespace", "- name: name-space")));
    }

    @Test
    void idsAreUniqueWithinARunbook() {
        assertEquals(
                List.of("r.yaml:34:9: error: duplicate remediation id 'page_oncall' (first at line 30)"),
                lint(replace(
                        BASE,
                        "escalation:\n",
                        "  - id: page_oncall\n    name: Again\n    description: Twice\n    type: escalate\n"
                                + "escalation:\n")));
        assertEquals(
                List.of(
                        "r.yaml:9:11: error: duplicate parameter 'namespace' (first at line 7)",
                        "r.yaml:21:80: error: template uses params.window, which this runbook does not declare"
                                + " (declare it under parameters)"),
                lint(BASE.replace("- name: window", "- name: namespace")));
    }

    @Test
    void runbookIdsAndAliasesAreUniqueAcrossTheCatalog() {
        assertEquals(
                List.of("b.yaml:1:5: error: duplicate runbook id 'base' (also in a.yaml:1:5) (runbook ids are unique"
                        + " across the catalog)"),
                lintAll(BASE, BASE.replace("BaseAlert", "OtherAlert")));
        assertEquals(
                List.of("b.yaml:2:11: error: alias 'base' is the id of runbook 'base' (a.yaml:1:5) (an alias must not"
                        + " shadow another runbook)"),
                lintAll(
                        BASE,
                        BASE.replace("id: base\n", "id: other\naliases: [base]\n")
                                .replace("BaseAlert", "B")));
        assertEquals(
                List.of("b.yaml:2:11: error: alias 'slow' is also an alias of runbook 'one' (a.yaml) (aliases are"
                        + " unique across the catalog)"),
                lintAll(
                        BASE.replace("id: base\n", "id: one\naliases: [slow]\n"),
                        BASE.replace("id: base\n", "id: two\naliases: [slow]\n").replace("BaseAlert", "B")));
    }

    // references

    @Test
    void everyProposedRemediationIsDefinedAndEveryDefinedOneProposed() {
        assertEquals(
                List.of(
                        "r.yaml:27:12: error: decision names remediation 'page_on_call', which this runbook does not"
                                + " define (did you mean 'page_oncall'?)",
                        "r.yaml:30:9: warning: remediation 'page_oncall' is never proposed by the decision tree (name"
                                + " it in a decision's 'then', or remove it)"),
                lint(BASE.replace("then: [page_oncall]", "then: [page_on_call]")));
        assertEquals(
                List.of(
                        "r.yaml:27:11: error: 'then' names no remediation (list the ids to propose)",
                        "r.yaml:30:9: warning: remediation 'page_oncall' is never proposed by the decision tree (name"
                                + " it in a decision's 'then', or remove it)"),
                lint(BASE.replace("then: [page_oncall]", "then: []")));
    }

    // conditions

    @Test
    void decisionConditionsSeeDiagnosticsParamsLabelsAnnotationsAndSeverity() {
        assertEquals(
                List.of(),
                lint(BASE.replace(
                        "\"diagnostics.check_errors.status == 'critical'\"",
                        "\"diagnostics.check_errors.status == 'critical' && params.namespace == 'production'"
                                + " && labels.team == 'payments' && annotations.summary != '' && severity == 'P1'\"")));
        assertEquals(
                List.of("r.yaml:26:73: error: condition reads parameter 'region', which this runbook does not"
                        + " declare (this runbook declares: namespace, window)"),
                lint(BASE.replace(
                        "\"diagnostics.check_errors.status == 'critical'\"",
                        "\"diagnostics.check_errors.status == 'critical' && params.region == 'eu'\"")));
    }

    @Test
    void interpretConditionsSeeTheTypesFactsParamsAndLabels() {
        assertEquals(
                List.of(),
                lint(BASE.replace(
                        "healthy: \"value < 5.0\"",
                        "healthy: \"value < 5.0 && !empty && labels.team == params.namespace\"")));
        assertEquals(
                List.of("r.yaml:24:17: error: invalid condition: unknown variable 'diagnostics'; declared: is_inf,"
                        + " count, is_nan, labels, min, now, params, queries, samples, avg, empty, finite_count, …"
                        + " (6 more)"),
                lint(BASE.replace("healthy: \"value < 5.0\"", "healthy: \"diagnostics.check_errors.status == 'ok'\"")));
    }

    @Test
    void interpretNeedsAConditionAndAnExecutorForItsType() {
        assertEquals(
                List.of("r.yaml:22:16: error: 'interpret' has no condition (give at least one of critical, warning and"
                        + " healthy)"),
                lint(BASE.replace(
                        "    interpret:\n      critical: \"value >= 5.0\"\n      healthy: \"value < 5.0\"\n",
                        "    interpret: {}\n")));
        assertEquals(
                List.of("r.yaml:19:11: error: no executor is registered for diagnostic type 'prometheus_query' (its"
                        + " conditions and config cannot be checked)"),
                lint(
                        new Linter(
                                FakeDiagnosticTypes.without(DiagnosticType.PROMETHEUS_QUERY),
                                new CelConditionLanguage()),
                        BASE));
    }

    // templates

    @Test
    void templatesStandWhereTheirSinkCanTakeThem() {
        // a duration parameter may stand outside PromQL quotes (see BASE); text may not
        assertEquals(
                List.of("r.yaml:21:80: error: labels.pod stands outside a quoted PromQL string, where only a number"
                        + " or a duration is accepted; put it inside \"...\" as a label value"),
                lint(BASE.replace("[{{ params.window }}]", "[{{ labels.pod }}]")));
        assertEquals(
                List.of("r.yaml:31:57: error: params.namespace stands inside SQL quotes; remove the quotes, the value"
                        + " is bound as a parameter"),
                lint(withDiagnostic("""
                          - id: sessions
                            name: Sessions
                            description: Open sessions
                            type: database_query
                            config:
                              datasource: main
                              query: "SELECT count(*) FROM sessions WHERE ns = '{{ params.namespace }}'"
                            interpret: { healthy: "row_count >= 0" }
                        """)));
        assertEquals(
                List.of("r.yaml:30:40: error: labels.host stands in the URL's scheme or host; alert data must never"
                        + " choose where a request goes"),
                lint(withDiagnostic("""
                          - id: health
                            name: Health
                            description: Health endpoint
                            type: http_check
                            config:
                              urls: [{ name: app, url: "http://{{ labels.host }}/health" }]
                            interpret: { healthy: all_healthy }
                        """)));
        assertEquals(List.of(), lint(withDiagnostic("""
                          - id: health
                            name: Health
                            description: Health endpoint
                            type: http_check
                            config:
                              urls: [{ name: app, url: "http://app.internal/health?ns={{ params.namespace }}" }]
                            interpret: { healthy: all_healthy }
                        """)));
    }

    @Test
    void templatesElsewhereAreCheckedToo() {
        assertEquals(
                List.of("r.yaml:38:27: error: template uses params.pod, which this runbook does not declare (declare"
                        + " it under parameters)"),
                lint(withRemediation("""
                          - id: fix
                            name: Fix
                            description: Fix it
                            type: manual
                            instructions: "Delete {{ params.pod }} by hand"
                        """)));
        assertEquals(
                List.of("r.yaml:21:55: error: invalid template: malformed placeholder; write {{ params.<name> }},"
                        + " {{ labels.<name> }} or {{ annotations.<name> }}"),
                lint(BASE.replace("{{ params.namespace }}", "{{ params.namespace }")));
    }

    // argv

    private List<String> lintArgv(String argv) {
        return lint(withRemediation("  - id: fix\n    name: Fix\n    description: Fix it\n    type: automated\n"
                + "    action:\n      type: run_script\n      config:\n        argv: " + argv + "\n"));
    }

    @Test
    void templatedCodeAfterAnInterpretersCodeFlagIsAnError() {
        assertEquals(
                List.of("r.yaml:41:27: error: templated value after 'bash -ec' would run as code (keep the script"
                        + " literal and pass values as later arguments, e.g. [sh, -c, 'echo \"$1\"', sh,"
                        + " '{{ labels.pod }}'])"),
                lintArgv("[bash, -ec, \"kill {{ labels.pid }}\"]"));
        assertEquals(
                List.of("r.yaml:44:13: error: templated value after '/usr/bin/python3.11 -c' would run as code (keep"
                        + " the script literal and pass values as later arguments, e.g. [sh, -c, 'echo \"$1\"', sh,"
                        + " '{{ labels.pod }}'])"),
                lintArgv("\n          - /usr/bin/python3.11\n          - -c\n          - \"print('{{ labels.x }}')\""));
        assertEquals(
                List.of("r.yaml:41:56: error: templated value after 'pwsh -Command' would run as code (keep the"
                        + " script literal and pass values as later arguments, e.g. [sh, -c, 'echo \"$1\"', sh,"
                        + " '{{ labels.pod }}'])"),
                lintArgv("[kubectl, exec, pod, --, pwsh, -Command, \"{{ labels.x }}\"]"));
    }

    @Test
    void literalScriptsWithTemplatedPositionalArgumentsAreFine() {
        assertEquals(List.of(), lintArgv("[sh, -c, 'kubectl delete pod \"$1\"', sh, \"{{ params.namespace }}\"]"));
        // kubectl's -c names a container: kubectl is no interpreter
        assertEquals(List.of(), lintArgv("[kubectl, logs, -c, \"{{ labels.container }}\", mypod]"));
        // after the script file, -c belongs to the script
        assertEquals(List.of(), lintArgv("[bash, ./restart.sh, -c, \"{{ labels.container }}\"]"));
    }

    @Test
    void theProgramAndAnAwkProgramAreNeverTemplated() {
        assertEquals(
                List.of("r.yaml:41:16: error: the program (argv[0]) is templated (write the program literally; alert"
                        + " data must never choose what runs)"),
                lintArgv("[\"{{ labels.tool }}\", --version]"));
        assertEquals(
                List.of("r.yaml:41:30: error: templated value as the awk program would run as code (keep the program"
                        + " literal and pass values with -v name=value or as input)"),
                lintArgv("[awk, -F, ':', \"{{ labels.prog }}\", /etc/passwd]"));
    }

    // triggers

    @Test
    void triggersCarryWhatTheirTypeNeeds() {
        assertEquals(
                List.of("r.yaml:13:5: error: an alert trigger needs 'alertName' (the alertname label of the"
                        + " Prometheus alert)"),
                lint(BASE.replace("    alertName: BaseAlert\n", "")));
        assertEquals(
                List.of(
                        "r.yaml:13:5: error: a metric_threshold trigger needs 'threshold' (the value that fires it)",
                        "r.yaml:15:15: error: 'operator' must be one of >, >=, <, <=, ==, !=; found '=>'"),
                lint(BASE.replace(
                        "  - type: alert\n    alertName: BaseAlert\n",
                        "  - type: metric_threshold\n    metricQuery: 'sum(up)'\n    operator: \"=>\"\n")));
        assertEquals(
                List.of("r.yaml:15:15: error: 'matchers' only apply to alert triggers (match labels of an alert with"
                        + " type: alert)"),
                lint(BASE.replace(
                        "  - type: alert\n    alertName: BaseAlert\n",
                        "  - type: manual\n    alertName: BaseAlert\n    matchers: { team: a }\n")));
    }

    @Test
    void twoRunbooksMustNotClaimAnAlertAmbiguously() {
        String a = BASE.replace("id: base", "id: one").replace("alertName: BaseAlert", "alertName: Down");
        String b = BASE.replace("id: base", "id: two").replace("alertName: BaseAlert", "alertName: Down");
        String ambiguous = "b.yaml:14:16: error: alert 'Down' is also claimed by runbook 'one' (a.yaml:14:16) with"
                + " matchers that do not tell them apart (add a label matcher that differs between the two, or make"
                + " one trigger's matchers include all of the other's)";
        // identical (no matchers at all)
        assertEquals(List.of(ambiguous), lintAll(a, b));
        // overlapping: an alert with both labels matches both, neither is more specific
        assertEquals(
                List.of(ambiguous),
                lintAll(
                        a.replace("alertName: Down", "alertName: Down\n    matchers: { team: payments }"),
                        b.replace("alertName: Down", "alertName: Down\n    matchers: { namespace: prod }")));
        // conflicting values: no alert matches both
        assertEquals(
                List.of(),
                lintAll(
                        a.replace("alertName: Down", "alertName: Down\n    matchers: { namespace: prod }"),
                        b.replace("alertName: Down", "alertName: Down\n    matchers: { namespace: staging }")));
        // one includes the other: the more specific wins
        assertEquals(
                List.of(),
                lintAll(a, b.replace("alertName: Down", "alertName: Down\n    matchers: { namespace: prod }")));
    }

    @Test
    void regexMatchersThatRuleEachOtherOutAreNotAmbiguous() {
        String a = BASE.replace("id: base", "id: one").replace("alertName: BaseAlert", "alertName: Down");
        String b = BASE.replace("id: base", "id: two").replace("alertName: BaseAlert", "alertName: Down");
        String pgbouncer = "alertName: Down\n    matchers: { job: '=~pgbouncer-.*' }";
        // a negated regex and the same regex: no alert matches both
        assertEquals(
                List.of(),
                lintAll(
                        a.replace("alertName: Down", pgbouncer),
                        b.replace("alertName: Down", "alertName: Down\n    matchers: { job: '!~pgbouncer-.*' }")));
        // an exact value the regex rules out
        assertEquals(
                List.of(),
                lintAll(
                        a.replace("alertName: Down", pgbouncer),
                        b.replace("alertName: Down", "alertName: Down\n    matchers: { job: postgres }")));
        // two regexes that some job could match both
        assertEquals(
                List.of("b.yaml:14:16: error: alert 'Down' is also claimed by runbook 'one' (a.yaml:14:16) with"
                        + " matchers that do not tell them apart (add a label matcher that differs between the two, or"
                        + " make one trigger's matchers include all of the other's)"),
                lintAll(
                        a.replace("alertName: Down", pgbouncer),
                        b.replace("alertName: Down", "alertName: Down\n    matchers: { job: '=~.*-2' }")));
    }

    @Test
    void aPagerDutyServiceMapsToOneRunbook() {
        String a = BASE.replace("alertName: BaseAlert", "alertName: A\n    pagerdutyService: PABC123");
        String b = BASE.replace("id: base", "id: two")
                .replace("alertName: BaseAlert", "alertName: B\n    pagerdutyService: PABC123");
        assertEquals(
                List.of("b.yaml:15:23: error: PagerDuty service 'PABC123' is also mapped to runbook 'base'"
                        + " (a.yaml:15:23) (map each PagerDuty service to one runbook)"),
                lintAll(a, b));
    }

    // bounds, remediations, parameters, step config

    @Test
    void timesAreBounded() {
        assertEquals(
                List.of("r.yaml:22:14: error: 'timeout' must be positive, found 0ms"),
                lint(BASE.replace("    interpret:\n", "    timeout: 0\n    interpret:\n")));
        assertEquals(List.of(), lint(BASE.replace("    interpret:\n", "    timeout: 10m\n    interpret:\n")));
        assertEquals(
                List.of("r.yaml:36:25: error: 'escalateAfterMinutes' must be positive, found 0"),
                lint(BASE + "  escalateAfterMinutes: 0\n"));
        assertEquals(
                List.of("r.yaml:36:25: error: 'escalateAfterMinutes' of 2000 exceeds the maximum of 1440 (an"
                        + " unacknowledged incident should escalate within a day)"),
                lint(BASE + "  escalateAfterMinutes: 2000\n"));
        assertEquals(
                List.of("r.yaml:34:32: error: 'approvalTimeout' of 48h exceeds the maximum of 24h (an approval that"
                        + " waits longer is better asked again)"),
                lint(BASE.replace(
                        "    type: escalate\n", "    type: escalate\n    safety: { approvalTimeout: 48h }\n")));
        assertEquals(
                List.of("r.yaml:38:13: error: approval requires 3 approvers but lists only 2"),
                lint(BASE + "approval:\n  approvers: [U1, U2]\n  required: 3\n"));
    }

    @Test
    void remediationsCarryWhatTheirTypeNeeds() {
        assertEquals(
                List.of("r.yaml:34:5: error: manual remediation 'fix' needs 'instructions' (tell the responder, in"
                        + " Markdown, what to do)"),
                lint(withRemediation("  - id: fix\n    name: Fix\n    description: Fix it\n    type: manual\n")));
    }

    @Test
    void parameterDefaultsFitTheirType() {
        assertEquals(
                List.of("r.yaml:11:14: error: default of parameter 'window' is not a valid duration: 'soon' is not a"
                        + " duration such as 30s, 5m or 1h"),
                lint(BASE.replace("default: 5m", "default: soon")));
    }

    @Test
    void stepConfigProblemsPointAtTheirKey() {
        assertEquals(List.of("r.yaml:31:11: error: each entry needs a 'url'"), lint(withDiagnostic("""
                          - id: health
                            name: Health
                            description: Health endpoint
                            type: http_check
                            config:
                              urls:
                                - { name: app, link: "http://app/" }
                            interpret: { healthy: all_healthy }
                        """)));
    }

    @Test
    void lintReportsAreSortedAndSplitIntoErrorsAndWarnings() {
        LintReport report = linter.lint(List.of(load(
                "r.yaml",
                BASE.replace("status == 'critical'", "status === 'critical'").replace("id: base", "id: Base"))));
        assertEquals(1, report.errors().size());
        assertEquals(1, report.warnings().size());
        assertTrue(report.hasErrors());
        assertFalse(report.problems().isEmpty());
        assertEquals(report.errors().get(0), report.problems().get(0));
    }
}
