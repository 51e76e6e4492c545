package dev.runbookbot.slack.command;

import dev.runbookbot.runbook.ClosestNames;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The grammar of {@code /runbook}:
 *
 * <pre>
 * run &lt;runbook&gt; [key=value ...]          run a runbook; values with spaces in quotes: key="a b"
 * run &lt;runbook&gt; --step &lt;diagnostic&gt;     run one diagnostic of it (also --step=&lt;diagnostic&gt;)
 * list [tag]                             the runbooks, or those with a tag
 * show &lt;runbook&gt;                         a runbook's parameters, diagnostics and remediations
 * status [incident]                      open incidents, or one incident (INC-7 or 7)
 * history [n]                            the last n incidents (default 10, at most 50)
 * resolve &lt;incident&gt; [reason ...]       resolve an open incident (the rest of the line is the reason)
 * reopen &lt;incident&gt;                      reopen a resolved incident
 * escalate &lt;incident&gt; [reason ...]      escalate an open incident now
 * reload                                 load the runbook directory again
 * help                                   this list (also an empty command)
 * </pre>
 *
 * Subcommand names ignore case. Whether a runbook, step or incident exists is not checked here.
 */
final class CommandGrammar {
    static final int DEFAULT_HISTORY = 10;
    static final int MAX_HISTORY = 50;
    static final List<String> SUBCOMMANDS =
            List.of("run", "list", "show", "status", "history", "resolve", "reopen", "escalate", "reload", "help");
    private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");

    private CommandGrammar() {}

    static ParsedCommand parse(String text) {
        List<String> words;
        try {
            words = CommandWords.split(text == null ? "" : text);
        } catch (IllegalArgumentException e) {
            return new ParsedCommand.Invalid(e.getMessage());
        }
        if (words.isEmpty()) {
            return new ParsedCommand.Help();
        }
        String name = words.get(0).toLowerCase(Locale.ROOT);
        List<String> args = words.subList(1, words.size());
        return switch (name) {
            case "run" -> run(args);
            case "list" -> args.size() > 1 ? tooMany("list [tag]") : new ParsedCommand.ListRunbooks(first(args));
            case "show" ->
                args.size() != 1 ? usage("show <runbook>", "name one runbook") : new ParsedCommand.Show(args.get(0));
            case "status" -> args.size() > 1 ? tooMany("status [incident]") : new ParsedCommand.Status(first(args));
            case "history" -> history(args);
            case "resolve" -> lifecycle(ParsedCommand.Lifecycle.Verb.RESOLVE, args, "resolve <incident> [reason]");
            case "reopen" ->
                args.size() > 1
                        ? tooMany("reopen <incident>")
                        : lifecycle(ParsedCommand.Lifecycle.Verb.REOPEN, args, "reopen <incident>");
            case "escalate" -> lifecycle(ParsedCommand.Lifecycle.Verb.ESCALATE, args, "escalate <incident> [reason]");
            case "reload" -> args.isEmpty() ? new ParsedCommand.Reload() : tooMany("reload");
            case "help" -> new ParsedCommand.Help();
            default -> {
                List<String> close = ClosestNames.closest(name, SUBCOMMANDS, 1);
                yield new ParsedCommand.Invalid("there is no command '" + words.get(0) + "'"
                        + (close.isEmpty() ? "" : "; did you mean " + close.get(0) + "?"));
            }
        };
    }

    private static ParsedCommand run(List<String> args) {
        if (args.isEmpty()) {
            return usage("run <runbook> [key=value ...]", "name the runbook to run");
        }
        String runbook = args.get(0);
        if (runbook.startsWith("-") || runbook.contains("=")) {
            return usage("run <runbook> [key=value ...]", "the runbook comes first");
        }
        Map<String, String> params = new LinkedHashMap<>();
        Optional<String> step = Optional.empty();
        for (int i = 1; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--step") || arg.startsWith("--step=")) {
                String value;
                if (arg.equals("--step")) {
                    if (i + 1 >= args.size()) {
                        return usage("run <runbook> --step <diagnostic>", "--step needs the diagnostic's id");
                    }
                    value = args.get(++i);
                } else {
                    value = arg.substring("--step=".length());
                }
                if (value.isBlank()) {
                    return usage("run <runbook> --step <diagnostic>", "--step needs the diagnostic's id");
                }
                if (step.isPresent()) {
                    return new ParsedCommand.Invalid("--step is given twice; run one diagnostic at a time");
                }
                step = Optional.of(value);
                continue;
            }
            if (arg.startsWith("--")) {
                return new ParsedCommand.Invalid("there is no option '" + arg + "'; the only option of run is --step");
            }
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                return new ParsedCommand.Invalid(
                        "'" + arg + "' is not key=value; put a value with spaces in quotes:" + " key=\"a b\"");
            }
            String key = arg.substring(0, eq);
            if (!KEY.matcher(key).matches()) {
                return new ParsedCommand.Invalid("'" + key + "' is not a parameter name");
            }
            if (params.put(key, arg.substring(eq + 1)) != null) {
                return new ParsedCommand.Invalid("parameter '" + key + "' is given twice");
            }
        }
        return new ParsedCommand.Run(runbook, params, step);
    }

    private static ParsedCommand lifecycle(ParsedCommand.Lifecycle.Verb verb, List<String> args, String form) {
        if (args.isEmpty()) {
            return usage(form, "name the incident (INC-7 or 7)");
        }
        return new ParsedCommand.Lifecycle(verb, args.get(0), String.join(" ", args.subList(1, args.size())));
    }

    private static ParsedCommand history(List<String> args) {
        if (args.isEmpty()) {
            return new ParsedCommand.History(DEFAULT_HISTORY);
        }
        if (args.size() > 1) {
            return tooMany("history [n]");
        }
        try {
            int n = Integer.parseInt(args.get(0));
            if (n < 1 || n > MAX_HISTORY) {
                return new ParsedCommand.Invalid("history shows 1 to " + MAX_HISTORY + " incidents, not " + n);
            }
            return new ParsedCommand.History(n);
        } catch (NumberFormatException e) {
            return usage("history [n]", "'" + args.get(0) + "' is not a number");
        }
    }

    private static Optional<String> first(List<String> args) {
        return args.isEmpty() ? Optional.empty() : Optional.of(args.get(0));
    }

    private static ParsedCommand tooMany(String form) {
        return usage(form, "too many words");
    }

    private static ParsedCommand usage(String form, String problem) {
        return new ParsedCommand.Invalid(problem + ": /runbook " + form);
    }
}
