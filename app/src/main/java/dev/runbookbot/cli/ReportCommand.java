package dev.runbookbot.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code runbookctl report <name>}: reports over the bot's history. Without a report name it prints usage. */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = "Reports over the incident history in the bot's database.")
final class ReportCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    /** {@code report} with its reports, ready to add to the root command. */
    static CommandLine withReports(StoreReader store, Supplier<Path> database) {
        return new CommandLine(new ReportCommand())
                .addSubcommand("overrides", new OverridesReportCommand(store, database));
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return CommandLine.ExitCode.USAGE;
    }
}
