package dev.runbookbot;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import dev.runbookbot.remediate.ActionExecutor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The house layout (README and CONTRIBUTING), stated as rules: the core knows nothing of Slack, HTTP, SQL, processes or the CLI. The YAML
 * reader ({@code runbook.load}) and the JSON Schema writer ({@code runbook.schema}) are the format's adapters and may use
 * Jackson; so is {@code audit.json}, which writes and reads the typed details of timeline entries.
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.runbookbot");
    }

    @Test
    void coreImportsNoIntegrationLibrary() {
        coreImportsNoIntegrationLibrary.check(classes);
    }

    @Test
    void celStaysInsideExpr() {
        celStaysInsideExpr.check(classes);
    }

    @Test
    void coreDoesNotDependOnAdapters() {
        coreDoesNotDependOnAdapters.check(classes);
    }

    @Test
    void diagnosticTypesAreIndependent() {
        diagnosticTypesAreIndependent.allowEmptyShould(true).check(classes);
    }

    @Test
    void remediationFamiliesAreIndependent() {
        remediationFamiliesAreIndependent.allowEmptyShould(true).check(classes);
    }

    @Test
    void alertPayloadsKnowNothingOfHttp() {
        alertPayloadsKnowNothingOfHttp.check(classes);
    }

    @Test
    void alertSendersAreIndependent() {
        alertSendersAreIndependent.check(classes);
    }

    @Test
    void onlyConfigAndRuntimeReadTheEnvironment() {
        onlyConfigAndRuntimeReadTheEnvironment.check(classes);
    }

    @Test
    void runAndSimulateHaveNoPathToARemediation() {
        runAndSimulateHaveNoPathToARemediation.check(classes);
    }

    @Test
    void slackPackagesAreFreeOfCycles() {
        slackPackagesAreFreeOfCycles.check(classes);
    }

    @Test
    void topLevelPackagesAreFreeOfCycles() {
        topLevelPackagesAreFreeOfCycles.check(classes);
    }

    @Test
    void remediationKnowsNothingOfIncidents() {
        remediationKnowsNothingOfIncidents.check(classes);
    }

    @Test
    void nothingImportsTheCliOrTheCompositionRoot() {
        nothingImportsTheCliOrTheCompositionRoot.check(classes);
    }

    @Test
    void sharedAdaptersDoNotImportEachOther() {
        sharedAdaptersDoNotImportEachOther.check(classes);
    }

    @Test
    void remediationBuildsNoThreads() {
        remediationBuildsNoThreads.check(classes);
    }

    @Test
    void diagnosticsBuildNoThreads() {
        diagnosticsBuildNoThreads.check(classes);
    }

    @Test
    void onlyRuntimeBuildsAnHttpClient() {
        onlyRuntimeBuildsAnHttpClient.check(classes);
    }

    /**
     * The Events API ids the bot has seen live in memory only ({@code slack.RepeatedEventFilter}), which is safe
     * because the one event it handles, {@code app_home_opened}, only redraws the Home tab. An event that acts (a
     * message, a reaction) would be processed again when Slack retries it across a restart: handling one needs a
     * persisted event id first, and this rule to change with it.
     */
    @Test
    void theOnlyEventsApiEventHandledIsTheHomeTabs() {
        theOnlyEventsApiEventHandledIsTheHomeTabs.check(classes);
    }

    private static final String[] CORE = {
        "dev.runbookbot.runbook",
        "dev.runbookbot.lint..",
        "dev.runbookbot.expr..",
        "dev.runbookbot.diagnose",
        "dev.runbookbot.decide..",
        "dev.runbookbot.remediate",
        "dev.runbookbot.incident..",
        "dev.runbookbot.audit",
        "dev.runbookbot.secrets..",
        "dev.runbookbot.replica..",
        "dev.runbookbot.text..",
    };

    private static final ArchRule coreImportsNoIntegrationLibrary = noClasses()
            .that()
            .resideInAnyPackage(CORE)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "com.slack..",
                    "org.jdbi..",
                    "java.sql..",
                    "javax.sql..",
                    "org.sqlite..",
                    "org.postgresql..",
                    "okhttp3..",
                    "io.javalin..",
                    "org.eclipse.jetty..",
                    "com.sun.net.httpserver..",
                    "java.net.http..",
                    "org.apache.commons.exec..",
                    "io.fabric8..",
                    "picocli..",
                    "com.fasterxml.jackson..")
            .because("the core decides; adapters at the edges talk to the outside (CONTRIBUTING.md)");

    private static final ArchRule celStaysInsideExpr = noClasses()
            .that()
            .resideOutsideOfPackage("dev.runbookbot.expr..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.cel..", "com.google.protobuf..")
            .because("conditions are an implementation detail of expr");

    private static final ArchRule coreDoesNotDependOnAdapters = noClasses()
            .that()
            .resideInAnyPackage(CORE)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "dev.runbookbot.diagnose.(*)..",
                    "dev.runbookbot.remediate.(*)..",
                    "dev.runbookbot.process..",
                    "dev.runbookbot.datasource..",
                    "dev.runbookbot.alert..",
                    "dev.runbookbot.web..",
                    "dev.runbookbot.slack..",
                    "dev.runbookbot.store..",
                    "dev.runbookbot.telemetry..",
                    "dev.runbookbot.cli..",
                    "dev.runbookbot.config..",
                    "dev.runbookbot.runtime..")
            .because("dependencies point inward");

    private static final ArchRule diagnosticTypesAreIndependent = slices().matching("dev.runbookbot.diagnose.(*)..")
            .that(com.tngtech.archunit.base.DescribedPredicate.describe(
                    "are diagnostic types (not diagnose.fetch, the HTTP they share)",
                    slice -> !slice.getNamePart(1).equals("fetch")))
            .should()
            .notDependOnEachOther()
            .because("a diagnostic type is one package and one registration line");

    private static final ArchRule remediationFamiliesAreIndependent =
            slices().matching("dev.runbookbot.remediate.(*)..").should().notDependOnEachOther();

    private static final ArchRule alertPayloadsKnowNothingOfHttp = noClasses()
            .that()
            .resideInAPackage("dev.runbookbot.alert..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "dev.runbookbot.web..", "io.javalin..", "org.eclipse.jetty..", "jakarta.servlet..", "okhttp3..")
            .because("mappers are pure functions of the body, reused by the worker after a restart");

    private static final ArchRule alertSendersAreIndependent =
            slices().matching("dev.runbookbot.alert.(*)..").should().notDependOnEachOther();

    /**
     * {@code simulate} is honest by construction, {@code run} promises that nothing remediating runs, and
     * {@code test} only replays recorded results: none of these commands can reach, even indirectly, an action executor, a remediation family, the incident orchestrator (which
     * holds the remediator) or the composition root that builds them.
     */
    private static final ArchRule runAndSimulateHaveNoPathToARemediation = noClasses()
            .that()
            .haveFullyQualifiedName("dev.runbookbot.cli.SimulateCommand")
            .or()
            .haveFullyQualifiedName("dev.runbookbot.cli.RunCommand")
            .or()
            .haveFullyQualifiedName("dev.runbookbot.cli.TestCommand")
            .should()
            .transitivelyDependOnClassesThat(JavaClass.Predicates.assignableTo(ActionExecutor.class)
                    .or(JavaClass.Predicates.resideInAnyPackage(
                            "dev.runbookbot.remediate..", "dev.runbookbot.incident..", "dev.runbookbot.runtime..")))
            .because("a simulation and a diagnosis only propose; they cannot cause a side effect (issue 7)");

    /**
     * The Slack adapter's packages, its root included: the root owns the connection, the Web API and the ports the
     * dispatch hands payloads to ({@code SlashCommandHandler}, {@code ButtonHandler}, {@code AppHomeHandler});
     * {@code command} and {@code interaction} implement them, and {@code render} is used by all.
     */
    private static final ArchRule slackPackagesAreFreeOfCycles = slices().assignedFrom(new SliceAssignment() {
                @Override
                public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                    String slack = "dev.runbookbot.slack";
                    String pkg = javaClass.getPackageName();
                    if (pkg.equals(slack)) {
                        return SliceIdentifier.of("slack");
                    }
                    if (!pkg.startsWith(slack + ".")) {
                        return SliceIdentifier.ignore();
                    }
                    return SliceIdentifier.of(
                            "slack." + pkg.substring(slack.length() + 1).split("\\.")[0]);
                }

                @Override
                public String getDescription() {
                    return "slack and each of its subpackages";
                }
            })
            .should()
            .beFreeOfCycles();

    private static final ArchRule topLevelPackagesAreFreeOfCycles = slices().matching("dev.runbookbot.(*)..")
            .should()
            .beFreeOfCycles()
            .because("dependencies point one way: a port lives with the side that owns the idea (issue 11)");

    private static final ArchRule remediationKnowsNothingOfIncidents = noClasses()
            .that()
            .resideInAPackage("dev.runbookbot.remediate..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.runbookbot.incident..")
            .because("remediation has one home; the arrow is incident -> remediate (issue 11)");

    private static final ArchRule nothingImportsTheCliOrTheCompositionRoot = noClasses()
            .that()
            .resideOutsideOfPackages("dev.runbookbot.cli..", "dev.runbookbot.runtime..")
            .and()
            .doNotHaveFullyQualifiedName("dev.runbookbot.Main")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.runbookbot.cli..", "dev.runbookbot.runtime..")
            .because("runtime builds the object graph and Main starts it; nothing else reaches for them");

    private static final ArchRule onlyConfigAndRuntimeReadTheEnvironment = noClasses()
            .that()
            .resideOutsideOfPackages("dev.runbookbot.config..", "dev.runbookbot.runtime..")
            .should()
            .callMethod(System.class, "getenv", String.class)
            .orShould()
            .callMethod(System.class, "getenv")
            .because("Settings is the only reader of files and environment at start-up");

    private static final ArchRule remediationBuildsNoThreads = noClasses()
            .that()
            .resideInAPackage("dev.runbookbot.remediate..")
            .should()
            .dependOnClassesThat()
            .belongToAnyOf(
                    java.util.concurrent.Executors.class,
                    java.util.concurrent.ThreadPoolExecutor.class,
                    java.util.concurrent.ScheduledThreadPoolExecutor.class,
                    java.util.concurrent.ForkJoinPool.class)
            .orShould()
            .callConstructorWhere(com.tngtech.archunit.core.domain.JavaCall.Predicates.target(
                    com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner(
                            JavaClass.Predicates.assignableTo(Thread.class))))
            .because("no thread pool is created per instance: executors are built, bounded and shut down in runtime"
                    + " (BotExecutors) and handed in by constructor (issue 11, docs/concurrency.md)");

    private static final ArchRule diagnosticsBuildNoThreads = noClasses()
            .that()
            .resideInAnyPackage("dev.runbookbot.diagnose..", "dev.runbookbot.decide..")
            .should()
            .dependOnClassesThat()
            .belongToAnyOf(
                    java.util.concurrent.Executors.class,
                    java.util.concurrent.ThreadPoolExecutor.class,
                    java.util.concurrent.ScheduledThreadPoolExecutor.class,
                    java.util.concurrent.ForkJoinPool.class)
            .orShould()
            .callConstructorWhere(com.tngtech.archunit.core.domain.JavaCall.Predicates.target(
                    com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner(
                            JavaClass.Predicates.assignableTo(Thread.class))))
            .because("diagnostics run on the step pool and read process output on executors built, bounded and shut"
                    + " down in runtime (DiagnosisAssembly), handed in by constructor; a diagnostic type starts no"
                    + " thread of its own (docs/concurrency.md)");

    private static final ArchRule theOnlyEventsApiEventHandledIsTheHomeTabs = noClasses()
            .should()
            .dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                    "are Events API events other than AppHomeOpenedEvent",
                    (JavaClass c) -> c.getPackageName().equals("com.slack.api.model.event")
                            && !c.getSimpleName().equals("AppHomeOpenedEvent")))
            .because("event ids are remembered in memory only (RepeatedEventFilter): an event that acts needs them"
                    + " persisted, so that a retry across a restart does not act twice");

    private static final ArchRule onlyRuntimeBuildsAnHttpClient = noClasses()
            .that()
            .resideOutsideOfPackage("dev.runbookbot.runtime..")
            .should()
            .callConstructor(okhttp3.OkHttpClient.class)
            .orShould()
            .callConstructor(okhttp3.OkHttpClient.Builder.class)
            .orShould()
            .callConstructor(okhttp3.Dispatcher.class)
            .orShould()
            .callConstructor(okhttp3.Dispatcher.class, java.util.concurrent.ExecutorService.class)
            .orShould()
            .callConstructor(okhttp3.ConnectionPool.class)
            .because("one OkHttpClient, one pool and one dispatcher for every outbound call, built in runtime"
                    + " (runtime/OutboundHttp); adapters derive per-call settings with newBuilder()");

    /**
     * The adapters at the edges and the shared infrastructure (Slack, the web routes, the store, outbound HTTP, named
     * data sources, processes) each talk to one outside thing; {@code runtime} wires them together.
     */
    private static final java.util.Set<String> SHARED_ADAPTERS =
            java.util.Set.of("slack", "web", "store", "datasource", "process");

    private static final ArchRule sharedAdaptersDoNotImportEachOther = slices().matching("dev.runbookbot.(*)..")
            .that(com.tngtech.archunit.base.DescribedPredicate.describe(
                    "are " + SHARED_ADAPTERS, slice -> SHARED_ADAPTERS.contains(slice.getNamePart(1))))
            .should()
            .notDependOnEachOther()
            .because("no adapter imports another; runtime composes them (issue 11)");
}
