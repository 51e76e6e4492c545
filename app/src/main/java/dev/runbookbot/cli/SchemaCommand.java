package dev.runbookbot.cli;

import dev.runbookbot.runbook.schema.ConfigReference;
import dev.runbookbot.runbook.schema.RunbookSchema;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code runbookctl schema}: prints the runbook format's JSON Schema, for yaml-language-server and other editors. */
@Command(
        name = "schema",
        mixinStandardHelpOptions = true,
        description = {
            "Print the JSON Schema of the runbook format.",
            "Save it and point your editor at it, e.g. with a first line"
                    + " '# yaml-language-server: $schema=runbook.schema.json'."
        })
final class SchemaCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(
            names = "--reference",
            description = "Print the Markdown reference of every step and action type's config keys instead"
                    + " (docs/reference.md).")
    private boolean reference;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.print(reference ? ConfigReference.markdown(RunbookSchema.json()) : RunbookSchema.json());
        out.flush();
        return 0;
    }
}
