package dev.runbookbot.runtime;

import dev.runbookbot.config.Settings;
import dev.runbookbot.datasource.NamedDataSources;
import dev.runbookbot.decide.DecisionEngine;
import dev.runbookbot.decide.Diagnoser;
import dev.runbookbot.diagnose.ConditionStepInterpreter;
import dev.runbookbot.diagnose.DiagnosticExecutor;
import dev.runbookbot.diagnose.DiagnosticExecutors;
import dev.runbookbot.diagnose.ParallelRunner;
import dev.runbookbot.diagnose.RunListener;
import dev.runbookbot.diagnose.http.HttpCheckExecutor;
import dev.runbookbot.diagnose.logs.LogSearchExecutor;
import dev.runbookbot.diagnose.prometheus.PrometheusExecutor;
import dev.runbookbot.diagnose.prometheus.PrometheusSettings;
import dev.runbookbot.diagnose.prometheus.TargetsExecutor;
import dev.runbookbot.diagnose.shell.ShellCommandExecutor;
import dev.runbookbot.diagnose.shell.ShellCommandSettings;
import dev.runbookbot.diagnose.sql.DatabaseQueryExecutor;
import dev.runbookbot.expr.ConditionLanguage;
import dev.runbookbot.expr.cel.CelConditionLanguage;
import dev.runbookbot.process.ProcessRunner;
import dev.runbookbot.secrets.SecretResolver;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;

/**
 * Builds the read-only half of the bot: the diagnostic executors (one line per type), the condition language, the
 * parallel runner with its named thread pools, and the {@link Diagnoser}. The {@code run} and {@code simulate}
 * commands and the bot share it. Owns its threads: {@link #close()} stops them.
 */
public final class DiagnosisAssembly implements AutoCloseable {
    private final ExecutorService stepPool;
    private final ExecutorService journalOutput;
    private final ScheduledExecutorService timer;
    private final DiagnosticExecutors executors;
    private final ConditionLanguage language;
    private final Diagnoser diagnoser;

    public DiagnosisAssembly(Settings settings, Supplier<OkHttpClient> http, SecretResolver secrets, Clock clock) {
        this(settings, http, secrets, clock, RunListener.NONE);
    }

    /** The bot's: {@code observer} hears every diagnosis (the metrics). */
    public DiagnosisAssembly(
            Settings settings, Supplier<OkHttpClient> http, SecretResolver secrets, Clock clock, RunListener observer) {
        this(settings, http, secrets, clock, observer, BotExecutors.journalOutput(settings.maxConcurrentSteps()));
    }

    private DiagnosisAssembly(
            Settings settings,
            Supplier<OkHttpClient> http,
            SecretResolver secrets,
            Clock clock,
            RunListener observer,
            ExecutorService journalOutput) {
        this(
                settings,
                executors(settings, http, secrets, clock, settings.prometheus(), journalOutput),
                clock,
                observer,
                journalOutput);
    }

    /** With the given executors (for example recorded results in {@code simulate --fixture}). */
    public DiagnosisAssembly(Settings settings, List<DiagnosticExecutor> executorList, Clock clock) {
        this(settings, executorList, clock, RunListener.NONE);
    }

    /** With the given executors, and {@code observer} hearing every diagnosis (the bot's metrics). */
    public DiagnosisAssembly(
            Settings settings, List<DiagnosticExecutor> executorList, Clock clock, RunListener observer) {
        this(settings, executorList, clock, observer, BotExecutors.journalOutput(settings.maxConcurrentSteps()));
    }

    /** {@code journalOutput} is the pool the executors' journal searches read on; this assembly stops it. */
    private DiagnosisAssembly(
            Settings settings,
            List<DiagnosticExecutor> executorList,
            Clock clock,
            RunListener observer,
            ExecutorService journalOutput) {
        this.journalOutput = journalOutput;
        this.stepPool = new ThreadPoolExecutor(
                0,
                settings.maxConcurrentSteps(),
                60,
                TimeUnit.SECONDS,
                new SynchronousQueue<>(),
                new NamedThreads("diagnostic-step"));
        this.timer = Executors.newSingleThreadScheduledExecutor(new NamedThreads("diagnostic-timer"));
        this.executors = DiagnosticExecutors.of(executorList);
        this.language = new CelConditionLanguage();
        ParallelRunner runner = new ParallelRunner(
                executors, new ConditionStepInterpreter(language, executors), stepPool, timer, clock);
        this.diagnoser = new Diagnoser(
                runner, new DecisionEngine(clock), language, settings.diagnosisDeadline(), clock, observer);
    }

    /**
     * One line per diagnostic type the bot can run; {@code http} is asked for when a step first sends a request,
     * {@code journalOutput} reads journalctl while a journal search runs.
     */
    public static List<DiagnosticExecutor> executors(
            Settings settings,
            Supplier<OkHttpClient> http,
            SecretResolver secrets,
            Clock clock,
            Optional<PrometheusSettings> prometheus,
            Executor journalOutput) {
        return List.of(
                new PrometheusExecutor(http, prometheus, secrets),
                new TargetsExecutor(http, prometheus, secrets),
                new HttpCheckExecutor(http, settings.httpCheck(), secrets, clock),
                new ShellCommandExecutor(
                        new ProcessRunner(settings.processes()), secrets, ShellCommandSettings.defaults()),
                new DatabaseQueryExecutor(new NamedDataSources(settings.dataSources(), secrets)),
                new LogSearchExecutor(http, settings.logSearch(), secrets, clock, journalOutput));
    }

    public DiagnosticExecutors executors() {
        return executors;
    }

    public ConditionLanguage conditionLanguage() {
        return language;
    }

    public Diagnoser diagnoser() {
        return diagnoser;
    }

    @Override
    public void close() {
        stepPool.shutdownNow();
        timer.shutdownNow();
        journalOutput.shutdownNow();
    }
}
