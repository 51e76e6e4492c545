/**
 * {@code runbookctl}, the command line: picocli commands that parse arguments, call the core and print.
 *
 * <p>{@link dev.runbookbot.cli.Runbookctl} is the root command and the one place where subcommands are registered;
 * collaborators come in through {@link dev.runbookbot.cli.CliContext}, so the commands build nothing themselves and
 * tests can run them in-process. Output goes to picocli's writers; exit codes are returned, never
 * {@code System.exit}ed here.
 */
package dev.runbookbot.cli;
