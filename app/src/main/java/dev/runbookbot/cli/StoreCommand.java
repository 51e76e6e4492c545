package dev.runbookbot.cli;

import dev.runbookbot.incident.StoreException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code runbookctl store}: operations on the bot's store as a whole. */
@Command(
        name = "store",
        mixinStandardHelpOptions = true,
        description = "Operate on the bot's store (see docs/scaling.md).")
final class StoreCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    static CommandLine commandLine(StoreCopier copier) {
        CommandLine line = new CommandLine(new StoreCommand());
        line.addSubcommand("copy", new Copy(copier));
        return line;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return CommandLine.ExitCode.USAGE;
    }

    /** {@code runbookctl store copy --from sqlite:PATH --to jdbc:postgresql://host:port/db}. */
    @Command(
            name = "copy",
            mixinStandardHelpOptions = true,
            description = {
                "Copy an SQLite record (every table) into an empty PostgreSQL database, creating its schema.",
                "Logs in with RUNBOOK_STORE_USER and the secret named by RUNBOOK_STORE_PASSWORD_SECRET. A target that"
                        + " already holds a record is refused and nothing is copied. Stop the bot first."
            })
    static final class Copy implements Callable<Integer> {
        private final StoreCopier copier;

        @Spec
        private CommandSpec spec;

        @Option(names = "--from", required = true, paramLabel = "sqlite:PATH", description = "The SQLite database.")
        private String from;

        @Option(
                names = "--to",
                required = true,
                paramLabel = "URL",
                description = "The PostgreSQL database, jdbc:postgresql://host:port/database.")
        private String to;

        Copy(StoreCopier copier) {
            this.copier = copier;
        }

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            String file = from.startsWith("sqlite:") ? from.substring("sqlite:".length()) : from;
            if (file.isBlank() || file.startsWith("jdbc:postgresql:")) {
                err.println("runbookctl store copy: --from must name an SQLite file, as sqlite:PATH");
                err.flush();
                return CommandLine.ExitCode.USAGE;
            }
            if (!to.startsWith("jdbc:postgresql://")) {
                err.println("runbookctl store copy: --to must be jdbc:postgresql://host:port/database");
                err.flush();
                return CommandLine.ExitCode.USAGE;
            }
            Map<String, Integer> copied;
            try {
                copied = copier.copy(Path.of(file), to);
            } catch (StoreException | IllegalArgumentException e) {
                err.println("runbookctl store copy: " + e.getMessage());
                err.flush();
                return 1;
            }
            PrintWriter out = spec.commandLine().getOut();
            int total = copied.values().stream().mapToInt(Integer::intValue).sum();
            out.println("copied " + total + " rows from " + Path.of(file).toAbsolutePath() + ":");
            copied.forEach((table, rows) -> out.println("  " + table + " " + rows));
            out.flush();
            return 0;
        }
    }
}
