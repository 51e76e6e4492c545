package dev.runbookbot.cli;

import dev.runbookbot.incident.StoreException;
import dev.runbookbot.remediate.Promotion;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code runbookctl promotions}: every promotion, oldest first: what, where, who, when, on what evidence. */
@Command(
        name = "promotions",
        mixinStandardHelpOptions = true,
        description = "List the promotions of scoped remediations, oldest first. Times are UTC.")
final class PromotionsCommand implements Callable<Integer> {
    private final PromotionsAccess promotions;
    private final Supplier<Path> defaultDatabase;

    @Spec
    private CommandSpec spec;

    @Mixin
    private DatabaseOption database;

    PromotionsCommand(PromotionsAccess promotions, Supplier<Path> defaultDatabase) {
        this.promotions = promotions;
        this.defaultDatabase = defaultDatabase;
    }

    @Override
    public Integer call() {
        List<Promotion> all;
        try {
            all = promotions.use(database.resolve(defaultDatabase), p -> p.list());
        } catch (StoreException e) {
            spec.commandLine().getErr().println("runbookctl promotions: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return 1;
        }
        PrintWriter out = spec.commandLine().getOut();
        if (all.isEmpty()) {
            out.println("No promotions yet.");
            out.flush();
            return 0;
        }
        TextTable table = new TextTable("ID", "ACTION", "ENV", "PROMOTED BY", "PROMOTED (UTC)", "EVIDENCE");
        for (Promotion p : all) {
            table.row(
                    Long.toString(p.id()),
                    p.action(),
                    p.environment(),
                    p.promotedBy(),
                    Times.utc(p.promotedAt()),
                    p.evidenceUrl());
        }
        table.print(out);
        out.flush();
        return 0;
    }
}
