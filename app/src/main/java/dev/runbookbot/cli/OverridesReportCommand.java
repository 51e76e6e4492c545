package dev.runbookbot.cli;

import dev.runbookbot.incident.OverrideCount;
import dev.runbookbot.incident.StoreException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code runbookctl report overrides}: the runbook-bots article's "actions that consistently need human override", per
 * action type, most first. Candidates for a better runbook, or for staying manual.
 */
@Command(
        name = "overrides",
        mixinStandardHelpOptions = true,
        description = {
            "Actions that keep needing a human, most first.",
            "Counts automation events that required manual work (requires_manual) or that a person overrode"
                    + " (overridden, e.g. a rejected proposal), beside all events of the same action."
        })
final class OverridesReportCommand implements Callable<Integer> {
    private final StoreReader store;
    private final Supplier<Path> defaultDatabase;

    @Spec
    private CommandSpec spec;

    @Mixin
    private DatabaseOption database;

    OverridesReportCommand(StoreReader store, Supplier<Path> defaultDatabase) {
        this.store = store;
        this.defaultDatabase = defaultDatabase;
    }

    @Override
    public Integer call() {
        List<OverrideCount> report;
        try {
            report = store.read(database.resolve(defaultDatabase), q -> q.overrideReport());
        } catch (StoreException e) {
            spec.commandLine().getErr().println("runbookctl report overrides: " + e.getMessage());
            return 1;
        }
        PrintWriter out = spec.commandLine().getOut();
        if (report.isEmpty()) {
            out.println("No action has needed a human yet.");
            out.flush();
            return 0;
        }
        TextTable table = new TextTable("ACTION", "NEEDED A HUMAN", "REQUIRES MANUAL", "OVERRIDDEN", "ALL EVENTS");
        for (OverrideCount row : report) {
            table.row(
                    row.action(),
                    Long.toString(row.neededHuman()),
                    Long.toString(row.requiresManual()),
                    Long.toString(row.overridden()),
                    Long.toString(row.allEvents()));
        }
        table.print(out);
        out.flush();
        return 0;
    }
}
