package dev.runbookbot;

import dev.runbookbot.cli.Runbookctl;
import dev.runbookbot.runtime.CommandLineWiring;

/** The entry point of the one jar, both the bot and {@code runbookctl}: parses argv and exits with its code. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(Runbookctl.commandLine(CommandLineWiring.context(), args).execute(args));
    }
}
