package dev.runbookbot.diagnose.logs;

import dev.runbookbot.diagnose.DiagnosticExecutor;
import dev.runbookbot.diagnose.DiagnosticRequest;
import dev.runbookbot.diagnose.FailureKind;
import dev.runbookbot.diagnose.Outcome;
import dev.runbookbot.diagnose.ParsedConfig;
import dev.runbookbot.diagnose.fetch.HttpAuth;
import dev.runbookbot.diagnose.fetch.HttpFetcher;
import dev.runbookbot.expr.TemplateException;
import dev.runbookbot.expr.TemplateSink;
import dev.runbookbot.expr.ValueType;
import dev.runbookbot.runbook.ConfigProblem;
import dev.runbookbot.runbook.DiagnosticType;
import dev.runbookbot.runbook.StepConfig;
import dev.runbookbot.secrets.SecretResolver;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * {@code log_search}: counts matching log lines in a time window and returns the newest ones, from Grafana Loki
 * ({@link LokiSource}), local files ({@link FileSource}) or the systemd journal ({@link JournalSource}); the config is
 * described on {@link LogSearchConfig} and the facts on {@link LogFacts}. A step whose own Loki {@code url} differs from
 * the bot's gets no credentials and no tenant. Thread-safe.
 */
public final class LogSearchExecutor implements DiagnosticExecutor {
    static final String NO_LOKI =
            "no 'url' in this step and no Loki in the bot's configuration (loki.url or LOKI_URL) to search instead";
    /** Lint's warning: it cannot know the bot's configuration, so it names the key and the setting. */
    static final String URL_FROM_SETTINGS =
            "'url' is not set, so this step searches the Loki of the bot's configuration"
                    + " (loki.url or LOKI_URL); a bot without one reports the step as an error";

    static final String URL_FROM_SETTINGS_HINT =
            "give the step its own url: to make it independent of the configuration, or use source: file or journald";

    private final Optional<LokiSettings> loki;
    private final Optional<HttpUrl> lokiUrl;
    private final LokiSource lokiSource;
    private final FileSource fileSource;
    private final JournalSource journalSource;

    /**
     * @param client the bot's shared client, asked for on the first Loki search; per-step timeouts are derived from it
     * @param settings the bot's Loki (if any) and journalctl location
     * @param secrets resolves the Loki credentials the settings name
     * @param clock the end of every search window
     * @param journalOutput reads journalctl's output and errors while a journal search runs (two tasks per search)
     */
    public LogSearchExecutor(
            Supplier<OkHttpClient> client,
            LogSearchSettings settings,
            SecretResolver secrets,
            Clock clock,
            Executor journalOutput) {
        this.loki = settings.loki();
        this.lokiUrl = loki.map(l -> HttpUrl.get(l.baseUrl().toString()));
        this.lokiSource = new LokiSource(new HttpFetcher(client), secrets, clock);
        this.fileSource = new FileSource(clock);
        this.journalSource = new JournalSource(settings.journalctl(), journalOutput);
    }

    @Override
    public DiagnosticType type() {
        return DiagnosticType.LOG_SEARCH;
    }

    @Override
    public Map<String, ValueType> facts() {
        return LogFacts.TYPES;
    }

    @Override
    public Set<String> configKeys() {
        return LogSearchConfig.ALL_KEYS;
    }

    @Override
    public List<ConfigProblem> validate(StepConfig config) {
        ParsedConfig<LogSearchConfig> parsed = LogSearchConfig.parse(config);
        if (parsed.config().orElse(null) instanceof LogSearchConfig.Loki l
                && l.url().isEmpty()
                && loki.isEmpty()) {
            return List.of(ConfigProblem.warning(config.pathOf("url"), URL_FROM_SETTINGS, URL_FROM_SETTINGS_HINT));
        }
        return parsed.problems();
    }

    @Override
    public Outcome execute(DiagnosticRequest request) {
        ParsedConfig<LogSearchConfig> parsed =
                LogSearchConfig.parse(request.spec().config());
        if (!parsed.isValid()) {
            return parsed.asFailure();
        }
        LogSearchConfig config = parsed.config().orElseThrow();
        if (config instanceof LogSearchConfig.Loki l) {
            String query;
            try {
                query = l.query().render(request.context(), TemplateSink.PROMQL).text();
            } catch (TemplateException e) {
                return Outcome.failed(
                        FailureKind.CONFIGURATION, request.spec().config().pathOf("query") + ": " + e.getMessage());
            }
            if (l.url().isEmpty() && lokiUrl.isEmpty()) {
                return Outcome.failed(
                        FailureKind.CONFIGURATION, request.spec().config().pathOf("url") + ": " + NO_LOKI);
            }
            boolean ownServer = l.url().isPresent() && !l.url().equals(lokiUrl);
            HttpUrl server = l.url().or(() -> lokiUrl).orElseThrow();
            HttpAuth auth = ownServer
                    ? HttpAuth.none(request.spec().config().path())
                    : loki.orElseThrow().auth();
            Optional<String> tenant = ownServer ? Optional.empty() : loki.flatMap(LokiSettings::tenantId);
            return lokiSource.search(server, auth, tenant, query, l, request.timeout());
        }
        if (config instanceof LogSearchConfig.File f) {
            return fileSource.search(f, request.timeout());
        }
        return journalSource.search((LogSearchConfig.Journal) config, request.timeout());
    }
}
