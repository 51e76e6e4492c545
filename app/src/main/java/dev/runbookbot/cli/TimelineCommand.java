package dev.runbookbot.cli;

import dev.runbookbot.audit.IncidentId;
import dev.runbookbot.incident.StoreException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code runbookctl timeline <incident>}: one incident as Markdown, for a post-incident review. */
@Command(
        name = "timeline",
        mixinStandardHelpOptions = true,
        description = {
            "Print an incident's timeline as Markdown, ready to paste into a post-incident review.",
            "Shows the runbook and its version, service, severity, environment and source, every recorded event in"
                    + " time order with who did it, and the remediations with their approvals. Times are UTC."
        })
final class TimelineCommand implements Callable<Integer> {
    private final StoreReader store;
    private final Supplier<Path> defaultDatabase;

    @Spec
    private CommandSpec spec;

    @Mixin
    private DatabaseOption database;

    @Parameters(index = "0", paramLabel = "INCIDENT", description = "The incident, e.g. INC-42 or 42.")
    private String incident;

    TimelineCommand(StoreReader store, Supplier<Path> defaultDatabase) {
        this.store = store;
        this.defaultDatabase = defaultDatabase;
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        IncidentId id;
        try {
            id = IncidentId.parse(incident);
        } catch (IllegalArgumentException e) {
            err.println("runbookctl timeline: " + e.getMessage());
            return 2;
        }
        Path file = database.resolve(defaultDatabase);
        Optional<String> markdown;
        try {
            markdown = store.read(
                    file, q -> q.incident(id).map(found -> TimelineMarkdown.render(found, q.timeline(id), q.runs(id))));
        } catch (StoreException e) {
            err.println("runbookctl timeline: " + e.getMessage());
            return 1;
        }
        if (markdown.isEmpty()) {
            err.println("runbookctl timeline: no incident " + id + " in " + file);
            return 1;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(markdown.get());
        out.flush();
        return 0;
    }
}
