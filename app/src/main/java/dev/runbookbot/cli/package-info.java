/**
 * {@code runbookctl}, the command line: picocli commands that parse arguments, call the core and print.
 *
 * <p>{@link dev.runbookbot.cli.Runbookctl} is the root command and the one place where subcommands are registered;
 * collaborators come in through {@link dev.runbookbot.cli.CliContext}, so the commands build nothing themselves and
 * tests can run them in-process. Output goes to picocli's writers; exit codes are returned, never
 * {@code System.exit}ed here.
 *
 * <p>{@code run} and {@code simulate} get a {@link dev.runbookbot.cli.DiagnosisSession} from the
 * {@link dev.runbookbot.cli.DiagnosisSetup} (live diagnostics, or results recorded in a fixture): a linter and a
 * {@link dev.runbookbot.decide.Diagnoser}, nothing that can remediate. What a proposed action would run is rendered from
 * its config here ({@link dev.runbookbot.cli.ActionText}), never through an action executor. Both exit 0 when the run
 * completed whatever the verdict, 1 for a runbook with lint errors or an unusable configuration, 2 for a usage error.
 */
package dev.runbookbot.cli;
