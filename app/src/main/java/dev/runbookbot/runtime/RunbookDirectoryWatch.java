package dev.runbookbot.runtime;

import dev.runbookbot.runbook.CatalogReloads;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads the catalog when a file in the runbook directory is created, changed or deleted. Changes are gathered until
 * the directory has been quiet for {@link #QUIET} (a {@code git pull} or an editor's save writes several times), then
 * one reload runs, well within the 5 s a change may take to be served. One thread ({@code runbook-watch}); {@link
 * #close()} stops it.
 */
final class RunbookDirectoryWatch implements AutoCloseable {
    static final Duration QUIET = Duration.ofMillis(300);
    private static final Logger LOG = LoggerFactory.getLogger(RunbookDirectoryWatch.class);

    private final WatchService watcher;
    private final Thread thread;
    private final CatalogReloads reloads;

    private RunbookDirectoryWatch(WatchService watcher, CatalogReloads reloads) {
        this.watcher = watcher;
        this.reloads = reloads;
        this.thread = new Thread(this::watch, "runbook-watch");
        this.thread.setDaemon(true);
    }

    /** Starts watching {@code directory}; a directory that cannot be watched is logged and only reloads on request. */
    static AutoCloseable start(Path directory, CatalogReloads reloads) {
        try {
            WatchService watcher = directory.getFileSystem().newWatchService();
            directory.register(
                    watcher,
                    StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
            RunbookDirectoryWatch watch = new RunbookDirectoryWatch(watcher, reloads);
            watch.thread.start();
            return watch;
        } catch (IOException | UnsupportedOperationException e) {
            LOG.warn(
                    "cannot watch {} for changes ({}); reload with /runbook reload or SIGHUP", directory, e.toString());
            return () -> {};
        }
    }

    private void watch() {
        try {
            while (true) {
                WatchKey key = watcher.take();
                drain(key);
                WatchKey more;
                while ((more = watcher.poll(QUIET.toMillis(), TimeUnit.MILLISECONDS)) != null) {
                    drain(more);
                }
                try {
                    reloads.reload("file change");
                } catch (RuntimeException e) {
                    LOG.error("reloading the runbooks after a change failed", e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ClosedWatchServiceException e) {
            // closed: the bot is stopping
        }
    }

    private static void drain(WatchKey key) {
        key.pollEvents();
        key.reset();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        watcher.close();
        thread.join(Duration.ofSeconds(5).toMillis());
    }
}
