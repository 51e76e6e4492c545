package dev.runbookbot.incident;

import dev.runbookbot.audit.ChatPost;
import dev.runbookbot.audit.NewTimelineEvent;
import dev.runbookbot.audit.TimelineKind;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.runbook.Catalog;
import dev.runbookbot.runbook.DiagnosticSpec;
import dev.runbookbot.runbook.ParameterBinder;
import dev.runbookbot.runbook.ParameterException;
import dev.runbookbot.runbook.RunbookSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a runbook: checks the request against the catalog (runbook, step, parameters), joins an open incident of the
 * same runbook and target instead of opening a second one, opens the incident once per dedup key (a start the process
 * did not finish is finished by its repeat), posts its thread and hands the diagnosis to a worker. Thread-safe.
 */
final class IncidentOpening {
    private static final Logger log = LoggerFactory.getLogger(IncidentOpening.class);
    private final Catalog catalog;
    private final IncidentStore store;
    private final ChatGateway chat;
    private final IncidentInputs inputs;
    private final Executor workers;
    private final Clock clock;
    private final String defaultEnvironment;
    private final LastTimes lastTimes;
    private final IncidentJoin join;
    private final ThreadOpener threads;
    private final DiagnosisAndProposal diagnosis;
    /** Starts of one dedup key are one at a time from storing the incident to storing its inputs. */
    private final Object[] startLocks = new Object[64];

    IncidentOpening(
            Catalog catalog,
            IncidentStore store,
            ChatGateway chat,
            IncidentInputs inputs,
            Executor workers,
            Clock clock,
            String defaultEnvironment,
            ThreadOpener threads,
            DiagnosisAndProposal diagnosis) {
        this.catalog = catalog;
        this.store = store;
        this.chat = chat;
        this.inputs = inputs;
        this.workers = workers;
        this.clock = clock;
        this.defaultEnvironment = defaultEnvironment;
        this.lastTimes = new LastTimes(store);
        this.join = new IncidentJoin(store, chat, clock);
        this.threads = threads;
        this.diagnosis = diagnosis;
        for (int i = 0; i < startLocks.length; i++) {
            startLocks[i] = new Object();
        }
    }

    private Object startLock(Optional<String> dedupKey) {
        return startLocks[Math.floorMod(dedupKey.orElse("").hashCode(), startLocks.length)];
    }

    /**
     * Opens an incident for {@code request} and posts its parent message, then continues on a worker. Returns at once
     * with the incident, or with why nothing was started (unknown runbook or step, bad parameters).
     */
    public StartResult start(RunRequest request) {
        Optional<RunbookSpec> found = catalog.byId(request.runbookId());
        if (found.isEmpty()) {
            return new StartResult.Refused(
                    List.of("no runbook '" + request.runbookId() + "'"), catalog.suggestIds(request.runbookId()));
        }
        RunbookSpec runbook = found.get();
        List<DiagnosticSpec> steps = runbook.diagnostics();
        if (request.onlyStep().isPresent()) {
            Optional<DiagnosticSpec> step =
                    runbook.diagnostic(request.onlyStep().get());
            if (step.isEmpty()) {
                return new StartResult.Refused(
                        List.of("runbook '" + runbook.id() + "' has no diagnostic '"
                                + request.onlyStep().get() + "'"),
                        runbook.diagnostics().stream().map(DiagnosticSpec::id).toList());
            }
            steps = List.of(step.get());
        }
        TemplateContext context;
        try {
            context = ParameterBinder.bind(runbook, request.params(), request.labels(), request.annotations());
        } catch (ParameterException e) {
            return new StartResult.Refused(e.problems(), List.of());
        }
        Optional<Incident> joined =
                join.join(request, runbook.id(), request.environment().orElse(defaultEnvironment));
        if (joined.isPresent()) {
            return new StartResult.Started(joined.get(), true);
        }
        long began = System.nanoTime();
        long stored;
        Incident incident;
        synchronized (startLock(request.dedupKey())) {
            Recorded<Incident> opened = store.open(NewIncident.builder()
                    .title(request.title().orElse(runbook.name()))
                    .runbook(runbook.id(), runbook.version())
                    .service(runbook.service())
                    .severity(runbook.severity())
                    .environment(request.environment().orElse(defaultEnvironment))
                    .source(request.source())
                    .dedupKey(request.dedupKey())
                    .triggeredBy(request.requester().userId())
                    .escalateAfter(Duration.ofMinutes(runbook.escalation().escalateAfterMinutes()))
                    .build());
            incident = opened.value();
            stored = System.nanoTime();
            // A duplicate whose inputs were never stored is a start the process did not finish (it stopped right after
            // storing the incident): this repeat of the request finishes it. Any other duplicate is a repeat.
            if (opened.duplicate()
                    && (inputs.load(incident.id()).isPresent()
                            || !incident.runbookVersion().equals(runbook.version()))) {
                return new StartResult.Started(incident, true);
            }
            // Another bot process on the store may be finishing the same start: the one that keeps the inputs goes on.
            if (!inputs.saveFirst(incident.id(), context)) {
                return new StartResult.Started(incident, true);
            }
        }
        long inputsSaved = System.nanoTime();
        // The parent goes out first and the start is noted right after it, at the time it started: one commit (one sync
        // of the disk) fewer between the alert and its thread. The incident's opened event already names the runbook.
        Instant startedAt = clock.instant();
        ChatPost thread = threads.openThread(incident, runbook, request);
        if (log.isDebugEnabled()) {
            log.debug(
                    "{} opened: stored {} ms, inputs {} ms, parent posted and placed {} ms",
                    incident.id(),
                    ms(stored - began),
                    ms(inputsSaved - stored),
                    ms(System.nanoTime() - inputsSaved));
        }
        store.append(NewTimelineEvent.of(
                incident.id(),
                startedAt,
                TimelineKind.NOTE,
                request.requester().userId(),
                "runbook " + runbook.id() + " (version " + runbook.version() + ") started from "
                        + request.source().name().toLowerCase(java.util.Locale.ROOT),
                ""));
        if (thread instanceof ChatPost.Posted) {
            incident = store.incident(incident.id()).orElse(incident);
        }
        Incident opened = incident;
        lastTimes.of(opened).ifPresent(text -> chat.showLastTimes(opened, runbook, text));
        Incident opening = incident;
        List<DiagnosticSpec> chosen = steps;
        workers.execute(() -> diagnosis.diagnoseAndPropose(opening, runbook, chosen, context, request.requester()));
        return new StartResult.Started(incident, false, Optional.of(thread));
    }

    private static String ms(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.2f", nanos / 1e6);
    }
}
