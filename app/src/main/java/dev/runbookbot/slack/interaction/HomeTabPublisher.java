package dev.runbookbot.slack.interaction;

import dev.runbookbot.incident.Incident;
import dev.runbookbot.incident.IncidentQueries;
import dev.runbookbot.remediate.RemediationRun;
import dev.runbookbot.runbook.Catalog;
import dev.runbookbot.slack.AppHomeHandler;
import dev.runbookbot.slack.AppHomeOpened;
import dev.runbookbot.slack.SlackResult;
import dev.runbookbot.slack.SlackWebApi;
import dev.runbookbot.slack.render.HomeTab;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the Home tab when someone opens it: the open incidents, the latest remediation runs and the catalog, read
 * from the record at that moment ({@code views.publish}). Thread-safe.
 */
public final class HomeTabPublisher implements AppHomeHandler {
    private static final Logger LOG = LoggerFactory.getLogger(HomeTabPublisher.class);
    static final int OPEN_SHOWN = 20;
    static final int RECENT_INCIDENTS_READ = 10;
    static final int RECENT_RUNS_SHOWN = 10;

    private final SlackWebApi api;
    private final IncidentQueries records;
    private final Catalog catalog;

    public HomeTabPublisher(SlackWebApi api, IncidentQueries records, Catalog catalog) {
        this.api = Objects.requireNonNull(api, "api");
        this.records = Objects.requireNonNull(records, "records");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    @Override
    public void onHomeOpened(AppHomeOpened event) {
        List<Incident> open = records.incidents(true, OPEN_SHOWN);
        List<Map.Entry<RemediationRun, Incident>> runs = new ArrayList<>();
        for (Incident incident : records.incidents(false, RECENT_INCIDENTS_READ)) {
            for (RemediationRun run : records.runs(incident.id())) {
                runs.add(Map.entry(run, incident));
            }
        }
        runs.sort(Comparator.comparing((Map.Entry<RemediationRun, Incident> e) ->
                        e.getKey().lastTransition().at())
                .reversed());
        Map<RemediationRun, Incident> recent = new LinkedHashMap<>();
        runs.stream().limit(RECENT_RUNS_SHOWN).forEach(e -> recent.put(e.getKey(), e.getValue()));
        SlackResult<String> published = api.publishHome(event.userId(), HomeTab.render(open, recent, catalog.all()));
        if (!published.isOk()) {
            LOG.warn("The Home tab of {} could not be published: {}", event.userId(), published.describe());
        }
    }
}
