package dev.runbookbot.slack.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommandGrammarTest {
    private static ParsedCommand parse(String text) {
        return CommandGrammar.parse(text);
    }

    private static String problem(String text) {
        ParsedCommand parsed = parse(text);
        if (parsed instanceof ParsedCommand.Invalid invalid) {
            return invalid.problem();
        }
        throw new AssertionError("expected a problem with '" + text + "', got " + parsed);
    }

    @Test
    void runTakesTheRunbookParametersAndOneStep() {
        assertEquals(new ParsedCommand.Run("payments-slow", Map.of(), Optional.empty()), parse("run payments-slow"));
        assertEquals(
                new ParsedCommand.Run(
                        "payments-slow", Map.of("namespace", "prod", "reason", "db is down"), Optional.empty()),
                parse("RUN payments-slow namespace=prod reason=\"db is down\""));
        assertEquals(
                new ParsedCommand.Run("payments-slow", Map.of("namespace", "prod"), Optional.of("check_db")),
                parse("run payments-slow --step check_db namespace=prod"));
        assertEquals(
                new ParsedCommand.Run("payments-slow", Map.of(), Optional.of("check_db")),
                parse("run payments-slow --step=check_db"));
        assertEquals(new ParsedCommand.Run("x", Map.of("k", ""), Optional.empty()), parse("run x k="));
    }

    @Test
    void runMistakesAreExplained() {
        assertEquals("name the runbook to run: /runbook run <runbook> [key=value ...]", problem("run"));
        assertEquals("the runbook comes first: /runbook run <runbook> [key=value ...]", problem("run k=v"));
        assertEquals(
                "--step needs the diagnostic's id: /runbook run <runbook> --step <diagnostic>",
                problem("run x --step"));
        assertEquals("--step is given twice; run one diagnostic at a time", problem("run x --step a --step b"));
        assertEquals("there is no option '--dry-run'; the only option of run is --step", problem("run x --dry-run"));
        assertEquals("'prod' is not key=value; put a value with spaces in quotes: key=\"a b\"", problem("run x prod"));
        assertEquals("'=v' is not key=value; put a value with spaces in quotes: key=\"a b\"", problem("run x =v"));
        assertEquals("'9k' is not a parameter name", problem("run x 9k=v"));
        assertEquals("parameter 'k' is given twice", problem("run x k=1 k=2"));
    }

    @Test
    void theOtherCommands() {
        assertEquals(new ParsedCommand.ListRunbooks(Optional.empty()), parse("list"));
        assertEquals(new ParsedCommand.ListRunbooks(Optional.of("payments")), parse("list payments"));
        assertEquals(new ParsedCommand.Show("payments-slow"), parse("show payments-slow"));
        assertEquals(new ParsedCommand.Status(Optional.empty()), parse("status"));
        assertEquals(new ParsedCommand.Status(Optional.of("INC-4")), parse("status INC-4"));
        assertEquals(new ParsedCommand.History(10), parse("history"));
        assertEquals(new ParsedCommand.History(3), parse("history 3"));
        assertEquals(new ParsedCommand.Help(), parse("help"));
        assertEquals(new ParsedCommand.Help(), parse(""));
        assertEquals(new ParsedCommand.Help(), parse("   "));
    }

    @Test
    void theirMistakesAreExplained() {
        assertEquals("name one runbook: /runbook show <runbook>", problem("show"));
        assertEquals("too many words: /runbook list [tag]", problem("list a b"));
        assertEquals("too many words: /runbook status [incident]", problem("status 1 2"));
        assertEquals("history shows 1 to 50 incidents, not 0", problem("history 0"));
        assertEquals("history shows 1 to 50 incidents, not 51", problem("history 51"));
        assertEquals("'lots' is not a number: /runbook history [n]", problem("history lots"));
        assertEquals("there is no command 'stauts'; did you mean status?", problem("stauts"));
        assertEquals("there is no command 'deploy'", problem("deploy now"));
    }
}
