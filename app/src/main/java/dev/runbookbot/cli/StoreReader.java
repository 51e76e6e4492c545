package dev.runbookbot.cli;

import dev.runbookbot.incident.IncidentQueries;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * How the CLI reads the bot's database: open the file read-only (never creating or migrating it), run one query
 * function against it, close it. The CLI does not know the store adapter; the caller wires the SQLite one, {@code
 * JdbiIncidentQueries::readOnly}, and tests an in-memory store.
 *
 * <p>Implementations throw {@link dev.runbookbot.incident.StoreException} when the file is missing, not a runbook-bot
 * database, or of another schema version; the commands print its message.
 */
@FunctionalInterface
public interface StoreReader {
    <T> T read(Path database, Function<? super IncidentQueries, ? extends T> query);
}
