package dev.runbookbot.runtime;

import dev.runbookbot.lint.LintReport;
import dev.runbookbot.lint.Linter;
import dev.runbookbot.runbook.CatalogReload;
import dev.runbookbot.runbook.LoadedRunbook;
import dev.runbookbot.runbook.Problem;
import dev.runbookbot.runbook.RefusedRunbook;
import dev.runbookbot.runbook.ReloadableCatalog;
import dev.runbookbot.runbook.load.RunbookLoader;
import dev.runbookbot.telemetry.Metrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the runbook directory, lints it as one catalog and hands the result to the {@link ReloadableCatalog}; logs what
 * changed and every error of a refused file (file:line:col), and counts each load in {@code
 * runbook_catalog_reloads_total{result}} ({@code ok}, {@code invalid} when a file was refused, {@code failed} when the
 * directory held no runbook file, in which case the catalog keeps serving what it had). One load at a time.
 */
final class CatalogReloader {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogReloader.class);

    private final Path directory;
    private final Linter linter;
    private final ReloadableCatalog catalog;
    private final Metrics metrics;

    CatalogReloader(Path directory, Linter linter, ReloadableCatalog catalog, Metrics metrics) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.linter = Objects.requireNonNull(linter, "linter");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /**
     * Whether the directory holds a runbook file at all, looked at without reading one: a start that finds none fails
     * before it asks Slack anything.
     */
    static boolean holdsRunbookFiles(Path directory) {
        try {
            return Files.isDirectory(directory)
                    && !RunbookLoader.runbookFiles(directory).isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Loads the directory now. When it holds no runbook file at all (a wrong directory, or a checkout half done) the
     * load fails and the catalog keeps what it served.
     */
    synchronized CatalogReload load(String trigger) {
        List<LoadedRunbook> loaded =
                Files.isDirectory(directory) ? new RunbookLoader().loadAll(List.of(directory)) : List.of();
        if (loaded.isEmpty()) {
            metrics.catalogReloaded("failed");
            CatalogReload failed = CatalogReload.failed(
                    (Files.isDirectory(directory) ? "no runbook files (*.yaml, *.yml) in " : "no directory ")
                            + directory
                            + "; set RUNBOOK_DIR (or 'runbooks' in the configuration file) to the runbooks directory",
                    catalog.refused());
            LOG.error("runbooks not loaded ({}): {}", trigger, failed.failure().orElseThrow());
            return failed;
        }
        LintReport report = linter.lint(loaded);
        CatalogReload reload = catalog.replace(report.runbooks(), report.problems());
        metrics.catalogReloaded(reload.result());
        report.warnings().forEach(w -> LOG.warn("{}", w.format()));
        for (RefusedRunbook refused : reload.refused()) {
            LOG.error(
                    "runbook file {} refused ({}): {}",
                    refused.file(),
                    refused.stillServed()
                            .map(r -> "still serving " + r.id() + " version " + r.version())
                            .orElse("not served"),
                    refused.errors().stream().map(Problem::format).toList());
        }
        LOG.info(
                "runbooks loaded from {} ({}): {} served; {}",
                directory,
                trigger,
                catalog.all().size(),
                reload.summary());
        return reload;
    }
}
