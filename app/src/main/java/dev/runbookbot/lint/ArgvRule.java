package dev.runbookbot.lint;

import dev.runbookbot.expr.Template;
import dev.runbookbot.runbook.ActionSpec;
import dev.runbookbot.runbook.ActionType;
import dev.runbookbot.runbook.DiagnosticSpec;
import dev.runbookbot.runbook.DiagnosticType;
import dev.runbookbot.runbook.RemediationSpec;
import dev.runbookbot.runbook.RunbookSpec;
import dev.runbookbot.runbook.StepConfig;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Alert data never becomes code in an argv (the template is the vulnerability when a step says {@code bash -c "{{...}}"}): the program ({@code argv[0]}) is written literally,
 * and no templated value follows an interpreter's code flag ({@code sh -c}, {@code python -c}, {@code node -e},
 * {@code pwsh -Command}, {@code psql -c}, ...). An allowlisted interpreter that takes {@code -c} is a program loader,
 * so the script after {@code sh -c} must be literal; templated values go in later positional arguments, where the
 * script reads them as {@code "$1"}.
 */
final class ArgvRule implements RunbookRule {
    private static final Set<String> CASE_INSENSITIVE = Set.of("pwsh", "powershell");
    private static final Set<String> PROGRAM_FIRST = Set.of("awk", "gawk", "sed");
    /** Options of the program-first interpreters that take the next argument as their value. */
    private static final Set<String> VALUE_OPTIONS = Set.of("-F", "-v");
    /** Options that read the program from a file: no program argument follows. */
    private static final Set<String> PROGRAM_FILE_OPTIONS = Set.of("-f", "--file");

    private static final Set<String> SHELLS = Set.of("sh", "bash", "dash", "zsh", "ksh", "mksh", "ash", "busybox");
    private static final Map<String, Set<String>> CODE_FLAGS = Map.ofEntries(
            Map.entry("python", Set.of("-c")),
            Map.entry("perl", Set.of("-e", "-E")),
            Map.entry("ruby", Set.of("-e")),
            Map.entry("node", Set.of("-e", "--eval", "-p", "--print")),
            Map.entry("deno", Set.of("eval")),
            Map.entry("php", Set.of("-r")),
            Map.entry("lua", Set.of("-e")),
            Map.entry("pwsh", Set.of("-c", "-command", "-encodedcommand", "-ec")),
            Map.entry("powershell", Set.of("-c", "-command", "-encodedcommand", "-ec")),
            Map.entry("psql", Set.of("-c", "--command")),
            Map.entry("mysql", Set.of("-e", "--execute")),
            Map.entry("sqlite3", Set.of("-cmd")),
            Map.entry("redis-cli", Set.of("eval")),
            Map.entry("osascript", Set.of("-e")),
            Map.entry("awk", Set.of("-e", "--source")),
            Map.entry("gawk", Set.of("-e", "--source")),
            Map.entry("sed", Set.of("-e", "--expression")));

    @Override
    public void check(RunbookSpec runbook, Findings f) {
        for (DiagnosticSpec diagnostic : runbook.diagnostics()) {
            if (diagnostic.type() == DiagnosticType.SHELL_COMMAND && diagnostic.config() != null) {
                argv(diagnostic.config(), f);
            }
        }
        for (RemediationSpec remediation : runbook.remediations()) {
            Optional<ActionSpec> action = remediation.action();
            if (action.isPresent()
                    && action.get().type() == ActionType.RUN_SCRIPT
                    && action.get().config() != null) {
                argv(action.get().config(), f);
            }
        }
    }

    private static void argv(StepConfig config, Findings f) {
        for (String key : List.of("argv", "command")) {
            if (config.get(key).orElse(null) instanceof List<?> list) {
                check(list, config.pathOf(key), f);
            }
        }
    }

    private static void check(List<?> argv, String path, Findings f) {
        if (!argv.isEmpty() && argv.get(0) instanceof String program && Template.isTemplated(program)) {
            f.error(
                    path + "[0]",
                    "the program (argv[0]) is templated",
                    "write the program literally; alert data must never choose what runs");
        }
        for (int i = 0; i < argv.size(); i++) {
            if (argv.get(i) instanceof String word && interpreter(word) != null) {
                checkInterpreterArguments(argv, i, interpreter(word), path, f);
            }
        }
    }

    /**
     * Scans the options after the interpreter at {@code at}: a templated value right after a code flag is an error,
     * and so is a templated first positional argument of the interpreters that take their program there (awk, sed).
     * The scan ends at the first positional argument, which belongs to the script, not to the interpreter.
     */
    private static void checkInterpreterArguments(List<?> argv, int at, String interpreter, String path, Findings f) {
        String word = (String) argv.get(at);
        for (int j = at + 1; j < argv.size(); j++) {
            if (!(argv.get(j) instanceof String arg)) {
                return;
            }
            if (isCodeFlag(interpreter, arg)) {
                if (j + 1 < argv.size() && argv.get(j + 1) instanceof String code && Template.isTemplated(code)) {
                    f.error(
                            path + "[" + (j + 1) + "]",
                            "templated value after '" + word + " " + arg + "' would run as code",
                            "keep the script literal and pass values as later arguments, e.g. [sh, -c, 'echo \"$1\"',"
                                    + " sh, '{{ labels.pod }}']");
                }
                return;
            }
            if (PROGRAM_FIRST.contains(interpreter) && PROGRAM_FILE_OPTIONS.contains(arg)) {
                return;
            }
            if (PROGRAM_FIRST.contains(interpreter) && VALUE_OPTIONS.contains(arg)) {
                j++;
                continue;
            }
            if (!arg.startsWith("-")) {
                if (PROGRAM_FIRST.contains(interpreter) && Template.isTemplated(arg)) {
                    f.error(
                            path + "[" + j + "]",
                            "templated value as the " + interpreter + " program would run as code",
                            "keep the program literal and pass values with -v name=value or as input");
                }
                return;
            }
        }
    }

    /** The interpreter {@code word} starts, by program name ({@code /usr/bin/python3.11} is python), or null. */
    private static String interpreter(String word) {
        String name = word.substring(word.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        if (SHELLS.contains(name)) {
            return "sh";
        }
        String base = name.replaceAll("[0-9.]+$", "");
        return CODE_FLAGS.containsKey(base) ? base : null;
    }

    private static boolean isCodeFlag(String interpreter, String flag) {
        if (interpreter.equals("sh")) {
            // -c, and combined short options ending in c: -ec, -xc, -euc
            return flag.matches("-[a-zA-Z]*c");
        }
        String written = CASE_INSENSITIVE.contains(interpreter) ? flag.toLowerCase(Locale.ROOT) : flag;
        return CODE_FLAGS.get(interpreter).contains(written);
    }
}
