package dev.runbookbot.runtime;

import dev.runbookbot.config.Settings;
import dev.runbookbot.incident.ChatGateway;
import dev.runbookbot.runbook.CatalogReload;
import dev.runbookbot.runbook.CatalogReloads;
import dev.runbookbot.runbook.RefusedRunbook;
import dev.runbookbot.runbook.ReloadableCatalog;
import dev.runbookbot.telemetry.Metrics;
import dev.runbookbot.web.ReadinessCheck;
import java.util.List;
import java.util.Optional;

/**
 * The runbook catalog of a running bot: loaded at start with the rule that one broken file never stops the bot (the
 * valid runbooks are served, each refused file is logged, shown in {@code /readyz} and posted once in the fallback
 * channel), then reloaded when the directory changes, on {@code /runbook reload} and, for {@code runbookctl bot}, on
 * SIGHUP. Built before the store and Slack; {@link #start} connects it to the chat once that exists.
 */
final class CatalogAssembly implements CatalogReloads, AutoCloseable {
    private final Settings settings;
    private final ReloadableCatalog catalog = new ReloadableCatalog();
    private final CatalogReloader reloader;
    private final CatalogReload first;
    private volatile Optional<RefusedRunbookNotices> notices = Optional.empty();
    private AutoCloseable watch = () -> {};
    private AutoCloseable hangup = () -> {};

    /**
     * Loads the runbook directory.
     *
     * @throws BotStartupException when it holds no runbook file at all
     */
    CatalogAssembly(Settings settings, Metrics metrics) {
        this.settings = settings;
        this.reloader = new CatalogReloader(settings.runbooksDir(), LintSetup.linter(settings), catalog, metrics);
        this.first = reloader.load("start");
        if (first.failure().isPresent()) {
            throw new BotStartupException(first.failure().get());
        }
    }

    ReloadableCatalog catalog() {
        return catalog;
    }

    /** Announces the files refused at start, then follows the directory (and SIGHUP when {@code onHangup}). */
    synchronized void start(ChatGateway chat, boolean onHangup) {
        RefusedRunbookNotices announcer =
                new RefusedRunbookNotices(chat, settings.alerting().routing().fallbackChannel());
        notices = Optional.of(announcer);
        announcer.announce(first);
        watch = RunbookDirectoryWatch.start(settings.runbooksDir(), this);
        if (onHangup) {
            hangup = HangupReload.install(this);
        }
    }

    @Override
    public CatalogReload reload(String trigger) {
        CatalogReload reload = reloader.load(trigger);
        notices.ifPresent(n -> n.announce(reload));
        return reload;
    }

    /** Always ready (a refused file never stops the bot); the detail names each refused file with its first error. */
    ReadinessCheck readiness() {
        return new ReadinessCheck() {
            @Override
            public String name() {
                List<RefusedRunbook> refused = catalog.refused();
                return "runbooks: " + catalog.all().size() + " served"
                        + (refused.isEmpty()
                                ? ""
                                : ", " + refused.size() + (refused.size() == 1 ? " file" : " files") + " refused");
            }

            @Override
            public boolean ready() {
                return true;
            }

            @Override
            public List<String> detail() {
                return catalog.refused().stream()
                        .map(RefusedRunbook::firstError)
                        .toList();
            }
        };
    }

    @Override
    public synchronized void close() throws Exception {
        try {
            hangup.close();
        } finally {
            watch.close();
        }
    }
}
