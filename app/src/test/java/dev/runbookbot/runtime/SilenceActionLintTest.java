package dev.runbookbot.runtime;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Lint, as {@code runbookctl lint} and the bot run it, checks a {@code silence} action's config where the runbook is
 * loaded (as the reference and runbook-format say), at file:line:col and naming the key, and does so without okhttp:
 * the check lint runs reads nothing of it.
 */
class SilenceActionLintTest {
    private static List<String> lint(String config) {
        return ActionLintFixture.lint("Silence it", "      type: silence\n      config:\n" + config.indent(2));
    }

    @Test
    void aValidSilenceHasNoProblem() {
        assertEquals(List.of(), lint("""
                      alertmanager: http://alertmanager.monitoring:9093
                      duration: 2h
                      matchers: [alertname, namespace]
                      comment: "Expected during the {{ params.window }} window"
                """.replace("{{ params.window }}", "maintenance")));
    }

    @Test
    void aTemplatedAlertmanagerABadDurationAndABadMatcherAreRefusedAtTheirKeys() {
        assertEquals(
                List.of(
                        "r.yaml:30:23: error: alertmanager is written literally; alert data must never choose where a"
                                + " silence is sent",
                        "r.yaml:31:19: error: duration must be from 1m to 30d, found PT1440H",
                        "r.yaml:32:31: error: 'name with space' is not a label name; a matcher names a label of the"
                                + " alert, whose value the silence matches exactly"),
                lint("""
                              alertmanager: "{{ labels.am }}"
                              duration: 60d
                              matchers: [alertname, "name with space"]
                              comment: Expected
                        """));
    }

    @Test
    void anAlertmanagerThatIsNotAnHttpUrlAndAMissingCommentAreRefused() {
        assertEquals(
                List.of(
                        "r.yaml:30:9: error: silence needs 'comment', why the alert is silenced (Alertmanager"
                                + " requires one)",
                        "r.yaml:30:23: error: alertmanager 'ftp://alertmanager:9093' is not an http(s) URL"),
                lint("""
                              alertmanager: ftp://alertmanager:9093
                              duration: 2h
                        """));
    }

    @Test
    void theCheckLintRunsLoadsNoHttpClient() {
        noClasses()
                .that()
                .haveFullyQualifiedName("dev.runbookbot.remediate.silence.SilenceConfig")
                .or()
                .haveFullyQualifiedName("dev.runbookbot.remediate.silence.SilenceConfigCheck")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("okhttp3..", "kotlin..")
                .because("lint checks a silence's config and never loads okhttp or Kotlin")
                .check(new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("dev.runbookbot.remediate.silence"));
    }
}
