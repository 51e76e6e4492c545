package dev.runbookbot.config;

import dev.runbookbot.datasource.DataSourceSettings;
import dev.runbookbot.diagnose.http.HttpCheckSettings;
import dev.runbookbot.diagnose.logs.LogSearchSettings;
import dev.runbookbot.diagnose.logs.LokiSettings;
import dev.runbookbot.diagnose.prometheus.PrometheusSettings;
import dev.runbookbot.process.ProcessRunnerSettings;
import dev.runbookbot.process.SandboxSettings;
import dev.runbookbot.secrets.MasterKeys;
import dev.runbookbot.store.PostgresStoreSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the bot and runbookctl are configured with, read once at start-up by {@link #load}: the optional file
 * {@code runbook-bot.yaml} (or the one named by {@code RUNBOOK_CONFIG} / {@code --config}) overlaid by environment
 * variables. README.md documents every setting.
 */
public record Settings(
        Path runbooksDir,
        Path databasePath,
        String defaultEnvironment,
        Duration diagnosisDeadline,
        int maxConcurrentSteps,
        Optional<PrometheusSettings> prometheus,
        HttpCheckSettings httpCheck,
        LogSearchSettings logSearch,
        ProcessRunnerSettings processes,
        List<DataSourceSettings> dataSources,
        MasterKeys masterKeys,
        RemediationSettings remediation,
        SlackSection slack,
        AlertingSettings alerting,
        Optional<PostgresStoreSettings> postgresStore) {
    public Settings {
        dataSources = List.copyOf(dataSources);
    }

    public static final Path DEFAULT_CONFIG_FILE = Path.of("runbook-bot.yaml");

    /** Reads the configuration file (if present) and the environment, and tries the sandbox once (a run of true). */
    public static Settings load(Optional<Path> configFile, Map<String, String> env) {
        return loadUntried(configFile, env).tried();
    }

    /**
     * As {@link #load}, without the trial run of the sandbox, whose mode stays as configured: for {@code runbookctl
     * lint}, which runs no step, so that its result and its time do not depend on the machine's sandbox.
     */
    public static Settings loadWithoutSandboxTrial(Optional<Path> configFile, Map<String, String> env) {
        return loadUntried(configFile, env).settings();
    }

    /**
     * As {@link #load}, with the trial run of the sandbox left to the caller ({@link UntriedSettings#tried()}): the bot
     * runs it on a thread of its own while the rest of its start goes on.
     */
    public static UntriedSettings loadUntried(Optional<Path> configFile, Map<String, String> env) {
        return untried(source(configFile, env));
    }

    private static SettingsSource source(Optional<Path> configFile, Map<String, String> env) {
        Path file = configFile
                .or(() -> Optional.ofNullable(env.get("RUNBOOK_CONFIG")).map(Path::of))
                .orElse(DEFAULT_CONFIG_FILE);
        if (configFile.isPresent() && !java.nio.file.Files.exists(file)) {
            throw new SettingsException("configuration file " + file + " does not exist");
        }
        return SettingsSource.load(file, env);
    }

    static Settings from(SettingsSource s) {
        return untried(s).tried();
    }

    private static UntriedSettings untried(SettingsSource s) {
        return new UntriedSettings(s, from(s, SandboxSettingsReader.read(s, botFiles(s))));
    }

    private static Settings from(SettingsSource s, SandboxSettings sandbox) {
        Optional<PrometheusSettings> prometheus = s.uri("prometheus.url", "PROMETHEUS_URL")
                .map(url -> construct(
                        "prometheus",
                        () -> new PrometheusSettings(
                                url,
                                s.string("prometheus.bearerSecret", "PROMETHEUS_BEARER_SECRET"),
                                s.string("prometheus.basicUser", "PROMETHEUS_BASIC_USER"),
                                s.string("prometheus.basicPasswordSecret", "PROMETHEUS_BASIC_PASSWORD_SECRET"))));
        Optional<LokiSettings> loki = s.uri("loki.url", "LOKI_URL")
                .map(url -> construct(
                        "loki",
                        () -> new LokiSettings(
                                url,
                                s.string("loki.bearerSecret", "LOKI_BEARER_SECRET"),
                                s.string("loki.basicUser", "LOKI_BASIC_USER"),
                                s.string("loki.basicPasswordSecret", "LOKI_BASIC_PASSWORD_SECRET"),
                                s.string("loki.tenant", "LOKI_TENANT"))));
        return new Settings(
                s.path("runbooks", "RUNBOOK_DIR").orElse(Path.of("runbooks")),
                StoreSettingsReader.sqliteFile(s),
                s.string("environment", "RUNBOOK_ENVIRONMENT", "production"),
                s.duration("diagnosis.deadline", "RUNBOOK_DIAGNOSIS_DEADLINE", Duration.ofMinutes(2)),
                s.integer("diagnosis.maxConcurrentSteps", "RUNBOOK_MAX_CONCURRENT_STEPS", 64),
                prometheus,
                new HttpCheckSettings(s.path("httpCheck.trustedCertificates", "RUNBOOK_HTTP_TRUSTED_CERTS")),
                new LogSearchSettings(
                        loki,
                        s.path("logSearch.journalctl", "RUNBOOK_JOURNALCTL")
                                .orElse(LogSearchSettings.DEFAULT_JOURNALCTL)),
                processes(s, sandbox),
                dataSources(s),
                MasterKeyReader.read(s),
                RemediationSettings.read(s),
                SlackSection.from(s),
                AlertingSettings.read(s),
                StoreSettingsReader.postgres(s));
    }

    private static ProcessRunnerSettings processes(SettingsSource s, SandboxSettings sandbox) {
        Path workdir = s.path("shell.workdir", "RUNBOOK_SHELL_WORKDIR")
                .orElse(Path.of(".").toAbsolutePath().normalize());
        ProcessRunnerSettings defaults = ProcessRunnerSettings.defaults(workdir);
        String searchPath = s.string("shell.path", "RUNBOOK_SHELL_PATH", defaults.searchPath());
        return construct(
                "shell",
                () -> new ProcessRunnerSettings(
                        workdir,
                        searchPath,
                        defaults.baseEnvironment(),
                        defaults.killGrace(),
                        defaults.drainTimeout(),
                        defaults.sessionLauncher(),
                        sandbox));
    }

    /** These settings with {@code sandbox} for the steps' processes instead of theirs. */
    Settings withSandbox(SandboxSettings sandbox) {
        return new Settings(
                runbooksDir,
                databasePath,
                defaultEnvironment,
                diagnosisDeadline,
                maxConcurrentSteps,
                prometheus,
                httpCheck,
                logSearch,
                processes.withSandbox(sandbox),
                dataSources,
                masterKeys,
                remediation,
                slack,
                alerting,
                postgresStore);
    }

    /** The bot's own files, which no runbook step may see: database (and its journal files), keys, configuration. */
    private static List<Path> botFiles(SettingsSource s) {
        List<Path> files = new ArrayList<>();
        Path database = StoreSettingsReader.sqliteFile(s);
        for (String suffix : List.of("", "-wal", "-shm", "-journal")) {
            files.add(Path.of(database + suffix).toAbsolutePath().normalize());
        }
        s.path("secrets.masterKeyFile", "RUNBOOK_MASTER_KEY_FILE").ifPresent(files::add);
        s.path("secrets.previousMasterKeyFile", "RUNBOOK_MASTER_KEY_PREVIOUS_FILE")
                .ifPresent(files::add);
        s.file().ifPresent(files::add);
        files.add(s.path("runbooks", "RUNBOOK_DIR").orElse(Path.of("runbooks")));
        return files.stream()
                .map(p -> p.toAbsolutePath().normalize())
                .distinct()
                .toList();
    }

    /**
     * Named data sources: {@code datasources.<name>.{url,user,passwordSecret,writable,statementTimeout,maxRows}} in the
     * file, or {@code RUNBOOK_DATASOURCE_<NAME>_URL} (and {@code _USER}, {@code _PASSWORD_SECRET}, {@code _WRITABLE},
     * {@code _STATEMENT_TIMEOUT}, {@code _MAX_ROWS}) in the environment, the name lower-cased.
     */
    private static List<DataSourceSettings> dataSources(SettingsSource s) {
        Map<String, String> names = new LinkedHashMap<>();
        for (String name : s.keys("datasources")) {
            names.put(name, "datasources." + name);
        }
        String prefix = "RUNBOOK_DATASOURCE_";
        for (String variable : s.envNames(prefix)) {
            if (variable.endsWith("_URL")) {
                String name = variable.substring(prefix.length(), variable.length() - "_URL".length());
                names.putIfAbsent(name.toLowerCase(Locale.ROOT), "datasources." + name.toLowerCase(Locale.ROOT));
            }
        }
        List<DataSourceSettings> out = new ArrayList<>();
        names.forEach((name, key) -> {
            String env = prefix + name.toUpperCase(Locale.ROOT).replace('-', '_');
            String url = s.string(key + ".url", env + "_URL")
                    .orElseThrow(() -> new SettingsException(s.where(key + ".url", env + "_URL") + " is required"));
            out.add(construct(
                    "datasources." + name,
                    () -> new DataSourceSettings(
                            name,
                            url,
                            s.string(key + ".user", env + "_USER"),
                            s.string(key + ".passwordSecret", env + "_PASSWORD_SECRET"),
                            s.bool(key + ".writable", env + "_WRITABLE", false),
                            s.duration(key + ".statementTimeout", env + "_STATEMENT_TIMEOUT", Duration.ofSeconds(10)),
                            s.integer(key + ".maxRows", env + "_MAX_ROWS", 1000))));
        });
        return out;
    }

    private static <T> T construct(String section, java.util.function.Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw new SettingsException("settings '" + section + "': " + e.getMessage(), e);
        }
    }
}
