package dev.runbookbot.cli;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The root command, {@code runbookctl}: the bot and the CLI share one jar, and every subcommand is registered in
 * {@link #subcommands(CliContext)}, the one place to add another. Without a subcommand it prints usage and exits 2.
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
        return commandLine(subcommands(context).values());
    }

    /**
     * The command line for {@code args}: when they start with a subcommand's name, with that subcommand alone (picocli
     * reads each registered command's annotations by reflection, which costs {@code runbookctl lint} a tenth of its
     * time for the thirteen it does not run); otherwise, for usage, {@code help} and the root's options, with all.
     */
    public static CommandLine commandLine(CliContext context, String... args) {
        Map<String, Supplier<Subcommand>> all = subcommands(context);
        Supplier<Subcommand> named = args.length == 0 ? null : all.get(args[0]);
        return commandLine(named == null ? all.values() : List.of(named));
    }

    private static CommandLine commandLine(Collection<Supplier<Subcommand>> subcommands) {
        CommandLine commandLine = new CommandLine(new Runbookctl());
        for (Supplier<Subcommand> subcommand : subcommands) {
            Subcommand built = subcommand.get();
            commandLine.addSubcommand(built.name(), built.command());
        }
        commandLine.setExecutionExceptionHandler(Runbookctl::failed);
        return commandLine;
    }

    /** Every subcommand by name, in the order usage lists them; each built when asked for. */
    private static Map<String, Supplier<Subcommand>> subcommands(CliContext context) {
        Map<String, Supplier<Subcommand>> all = new LinkedHashMap<>();
        add(all, "lint", () -> new LintCommand(context.linter()));
        add(all, "schema", SchemaCommand::new);
        add(all, "run", () -> new RunCommand(context.diagnosis()));
        add(all, "simulate", () -> new SimulateCommand(context.diagnosis()));
        add(all, "test", () -> new TestCommand(context.diagnosis()));
        add(all, "incidents", () -> new IncidentsCommand(context.store(), context.defaultDatabase()));
        add(all, "timeline", () -> new TimelineCommand(context.store(), context.defaultDatabase()));
        add(all, "report", () -> ReportCommand.withReports(context.store(), context.defaultDatabase()));
        add(
                all,
                "secret",
                () -> SecretCommand.commandLine(
                        context.secretStore(),
                        context.masterKeys(),
                        context.defaultDatabase(),
                        context.secretInput(),
                        context.operator()));
        add(
                all,
                "promote",
                () -> new PromoteCommand(context.promotions(), context.defaultDatabase(), context.osUser()));
        add(all, "promotions", () -> new PromotionsCommand(context.promotions(), context.defaultDatabase()));
        add(all, "bot", () -> new BotCommand(context.bot(), ShutdownSignal.jvm()));
        add(all, "store", () -> StoreCommand.commandLine(context.storeCopier()));
        return all;
    }

    private static void add(Map<String, Supplier<Subcommand>> all, String name, Supplier<Object> command) {
        all.put(name, () -> new Subcommand(name, command.get()));
    }

    /** A subcommand's name and its command object (or its own {@link CommandLine}, for one with subcommands). */
    private record Subcommand(String name, Object command) {}

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
