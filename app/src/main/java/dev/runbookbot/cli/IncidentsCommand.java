package dev.runbookbot.cli;

import dev.runbookbot.incident.Incident;
import dev.runbookbot.incident.StoreException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code runbookctl incidents [--open]}: the incidents in the bot's database, newest first, as a table. */
@Command(
        name = "incidents",
        mixinStandardHelpOptions = true,
        description = "List incidents, newest first. Times are UTC.")
final class IncidentsCommand implements Callable<Integer> {
    private final StoreReader store;
    private final Supplier<Path> defaultDatabase;

    @Spec
    private CommandSpec spec;

    @Mixin
    private DatabaseOption database;

    @Option(names = "--open", description = "Only incidents that are not resolved.")
    private boolean openOnly;

    @Option(
            names = "--limit",
            paramLabel = "N",
            defaultValue = "50",
            description = "At most N incidents (default: ${DEFAULT-VALUE}).")
    private int limit;

    IncidentsCommand(StoreReader store, Supplier<Path> defaultDatabase) {
        this.store = store;
        this.defaultDatabase = defaultDatabase;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (limit < 1) {
            spec.commandLine().getErr().println("runbookctl incidents: --limit must be at least 1, got " + limit);
            return 2;
        }
        List<Incident> incidents;
        try {
            incidents = store.read(database.resolve(defaultDatabase), q -> q.incidents(openOnly, limit));
        } catch (StoreException e) {
            spec.commandLine().getErr().println("runbookctl incidents: " + e.getMessage());
            return 1;
        }
        if (incidents.isEmpty()) {
            out.println(openOnly ? "No open incidents." : "No incidents yet.");
            out.flush();
            return 0;
        }
        TextTable table = new TextTable("ID", "STATE", "SEV", "SERVICE", "ENV", "RUNBOOK", "OPENED (UTC)", "TITLE");
        for (Incident i : incidents) {
            table.row(
                    i.id().toString(),
                    i.state().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                    i.severity().name(),
                    i.service(),
                    i.environment(),
                    i.runbookId(),
                    Times.utc(i.createdAt()),
                    i.title());
        }
        table.print(out);
        out.flush();
        return 0;
    }
}
