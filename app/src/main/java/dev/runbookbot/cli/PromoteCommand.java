package dev.runbookbot.cli;

import dev.runbookbot.incident.StoreException;
import dev.runbookbot.remediate.Promotion;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code runbookctl promote --action ID --env ENV --evidence-url URL [--by NAME]}: allows a scoped remediation in one
 * more environment, recording who promoted it and on what evidence (runbook-bots article: "rollout protected commands
 * to prod only after validation"). The bot reads promotions on every execution, so it takes effect at once.
 */
@Command(
        name = "promote",
        mixinStandardHelpOptions = true,
        description = {
            "Allow a remediation limited by safety.scopes in one more environment, after validating it.",
            "Records who promoted it, when, and the evidence; the bot allows it there from the next run on."
                    + " Promotions are only ever added: `runbookctl promotions` lists them all."
        })
final class PromoteCommand implements Callable<Integer> {
    private final PromotionsAccess promotions;
    private final Supplier<Path> defaultDatabase;
    private final Supplier<String> osUser;

    @Spec
    private CommandSpec spec;

    @Mixin
    private DatabaseOption database;

    @Option(
            names = "--action",
            required = true,
            paramLabel = "ID",
            description = "The remediation id the runbook gives the step, e.g. clear-cache.")
    private String action;

    @Option(
            names = "--env",
            required = true,
            paramLabel = "ENV",
            description = "The environment to allow it in, e.g. prod.")
    private String environment;

    @Option(
            names = "--evidence-url",
            required = true,
            paramLabel = "URL",
            description = "Where the validation can be read (an http or https URL).")
    private String evidenceUrl;

    @Option(
            names = "--by",
            paramLabel = "NAME",
            description = "Who takes responsibility for the promotion (default: the operating-system user).")
    private String by;

    PromoteCommand(PromotionsAccess promotions, Supplier<Path> defaultDatabase, Supplier<String> osUser) {
        this.promotions = promotions;
        this.defaultDatabase = defaultDatabase;
        this.osUser = osUser;
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        String who = by != null ? by : osUser.get();
        if (who == null || who.isBlank()) {
            err.println("runbookctl promote: cannot tell who you are; say it with --by NAME");
            err.flush();
            return 2;
        }
        try {
            Promotion.requireValid(action, environment, who, evidenceUrl);
        } catch (IllegalArgumentException e) {
            err.println("runbookctl promote: " + e.getMessage());
            err.flush();
            return 2;
        }
        Promotion promotion;
        try {
            promotion = promotions.use(
                    database.resolve(defaultDatabase), p -> p.promote(action, environment, who, evidenceUrl));
        } catch (StoreException e) {
            err.println("runbookctl promote: " + e.getMessage());
            err.flush();
            return 1;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(TextTable.terminalSafe("promoted " + promotion.action() + " to " + promotion.environment() + " by "
                + promotion.promotedBy() + " at " + Times.utc(promotion.promotedAt()) + " UTC (promotion #"
                + promotion.id() + "); evidence: " + promotion.evidenceUrl()));
        out.flush();
        return 0;
    }
}
