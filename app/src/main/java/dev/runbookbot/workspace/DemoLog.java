package dev.runbookbot.workspace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The demo application's log that the demo runbook searches ({@code runbooks/demo/demo-host-health.yaml}): written
 * with a few recent ERROR lines when the local workspace starts, emptied by its one remediation. It lives at {@link
 * #PATH}, outside the bot's own files, and nothing else is ever written or removed.
 */
public final class DemoLog {
    public static final Path PATH = Path.of("/tmp/runbook-bot-demo/app.log");

    private final Path path;
    private final Clock clock;

    public DemoLog(Path path, Clock clock) {
        this.path = path;
        this.clock = clock;
    }

    /** Writes a short log of a struggling demo application, its lines stamped within the last minutes. */
    public void writeErrors() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String log = now.minusSeconds(240) + " INFO  demo-app started\n"
                + now.minusSeconds(180) + " WARN  demo-app slow response from inventory (2.4 s)\n"
                + now.minusSeconds(120) + " ERROR demo-app timeout calling inventory after 5 s\n"
                + now.minusSeconds(60) + " ERROR demo-app timeout calling inventory after 5 s\n";
        try {
            Files.createDirectories(path.getParent());
            Files.writeString(path, log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo log " + path, e);
        }
    }

    /** Empties the log (the file stays, so the runbook's search still finds it and reads no errors). */
    public void clear() {
        try {
            Files.writeString(path, "", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear the demo log " + path, e);
        }
    }
}
