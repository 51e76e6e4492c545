package dev.runbookbot.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The root command, {@code runbookctl}: the bot and the CLI share one jar, and every subcommand is registered in
 * {@link #commandLine(CliContext)}, the one place to add another. Without a subcommand it prints usage and exits 2.
 */
@Command(
        name = "runbookctl",
        mixinStandardHelpOptions = true,
        versionProvider = Runbookctl.Version.class,
        description = "Runbook-bot: check, inspect and run executable incident runbooks.",
        subcommands = CommandLine.HelpCommand.class)
public final class Runbookctl implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    /** The command line with every subcommand, ready for {@link CommandLine#execute}. */
    public static CommandLine commandLine(CliContext context) {
        CommandLine commandLine = new CommandLine(new Runbookctl());
        commandLine.addSubcommand("lint", new LintCommand(context.linter()));
        commandLine.addSubcommand("schema", new SchemaCommand());
        commandLine.addSubcommand("run", new RunCommand(context.diagnosis()));
        commandLine.addSubcommand("simulate", new SimulateCommand(context.diagnosis()));
        commandLine.addSubcommand("test", new TestCommand(context.diagnosis()));
        commandLine.addSubcommand("incidents", new IncidentsCommand(context.store(), context.defaultDatabase()));
        commandLine.addSubcommand("timeline", new TimelineCommand(context.store(), context.defaultDatabase()));
        commandLine.addSubcommand("report", ReportCommand.withReports(context.store(), context.defaultDatabase()));
        commandLine.addSubcommand(
                "secret",
                SecretCommand.commandLine(
                        context.secretStore(),
                        context.masterKeys(),
                        context.defaultDatabase(),
                        context.secretInput(),
                        context.operator()));
        commandLine.addSubcommand(
                "promote", new PromoteCommand(context.promotions(), context.defaultDatabase(), context.osUser()));
        commandLine.addSubcommand("promotions", new PromotionsCommand(context.promotions(), context.defaultDatabase()));
        commandLine.addSubcommand("bot", new BotCommand(context.bot(), ShutdownSignal.jvm()));
        commandLine.addSubcommand("store", StoreCommand.commandLine(context.storeCopier()));
        commandLine.setExecutionExceptionHandler(Runbookctl::failed);
        return commandLine;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return CommandLine.ExitCode.USAGE;
    }

    /**
     * A subcommand that fails (for example on an unreadable configuration file) prints one line and exits 1; the
     * message is written for the person at the terminal.
     */
    private static int failed(Exception e, CommandLine commandLine, CommandLine.ParseResult parsed) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        commandLine.getErr().println("error: " + message);
        commandLine.getErr().flush();
        return CommandLine.ExitCode.SOFTWARE;
    }

    /** The version from the jar's manifest, when there is one. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Runbookctl.class.getPackage().getImplementationVersion();
            return new String[] {"runbookctl " + (version == null ? "(development build)" : version)};
        }
    }
}
