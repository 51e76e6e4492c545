package dev.runbookbot.runtime;

import dev.runbookbot.config.Settings;
import dev.runbookbot.workspace.DemoLog;
import dev.runbookbot.workspace.LocalWorkspace;
import dev.runbookbot.workspace.WorkspacePage;
import java.net.URI;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code runbookctl bot --local}: a {@link LocalWorkspace} started first, then the bot, built exactly as for Slack but
 * pointed at the workspace (its tokens, API URL and ids), with the workspace's page on the bot's web port. Defaults
 * that keep a trial apart from a real installation, each overridable by the environment: the demo catalog ({@code
 * runbooks/demo}), its own database ({@code runbook-bot-local.db}), the workspace's approvers' group as approvers, and a
 * fixed Alertmanager token ({@value #ALERTMANAGER_TOKEN}) so {@code curl} can post a captured alert.
 */
final class LocalBot {
    static final String ALERTMANAGER_TOKEN = "local-alertmanager-token";

    private LocalBot() {}

    /** The environment the bot reads in local mode: {@code env}, the workspace's Slack settings and the defaults. */
    static Map<String, String> environment(Map<String, String> env, LocalWorkspace workspace) {
        Map<String, String> local = new HashMap<>();
        local.put("RUNBOOK_DIR", "runbooks/demo");
        local.put("RUNBOOK_DB", "runbook-bot-local.db");
        local.put("RUNBOOK_APPROVERS", LocalWorkspace.APPROVERS_GROUP);
        local.put("RUNBOOK_ALERTMANAGER_TOKEN_SECRET", "local-alertmanager");
        local.put("RUNBOOK_SECRET_LOCAL_ALERTMANAGER", ALERTMANAGER_TOKEN);
        local.put("RUNBOOK_SETTLE_TIME", "5s");
        local.putAll(env);
        local.keySet().removeIf(k -> k.startsWith("SLACK_"));
        local.putAll(workspace.slackEnvironment()); // never a real Slack workspace in local mode
        return local;
    }

    static BotRuntime build(Map<String, String> env, LocalWorkspace workspace, Clock clock) {
        Map<String, String> local = environment(env, workspace);
        Settings settings = Settings.load(Optional.empty(), local);
        DemoLog demoLog = new DemoLog(DemoLog.PATH, clock);
        demoLog.writeErrors();
        return BotRuntime.builder(settings)
                .clock(clock)
                .environment(local)
                .webPage(new WorkspacePage(workspace, demoLog))
                .reloadOnHangup(true)
                .build();
    }

    static URI pageUrl(BotRuntime bot, Map<String, String> env) {
        String bind = env.getOrDefault("RUNBOOK_WEB_BIND", "127.0.0.1");
        String host = bind.contains(":") ? "[" + bind + "]" : bind.equals("0.0.0.0") ? "127.0.0.1" : bind;
        return URI.create("http://" + host + ":" + bot.webPort() + "/");
    }
}
