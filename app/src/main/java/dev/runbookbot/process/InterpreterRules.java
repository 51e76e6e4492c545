package dev.runbookbot.process;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where a template value in argv would stop being data and become code ({@link ArgvRewrite} offers the fix).
 *
 * <p>An argv element is data to most programs, but an interpreter reads the element after {@code -c}, {@code -e},
 * {@code --eval}, {@code -Command} or {@code /c} as a program (Flowise CVE-2026-40933). These rules apply wherever
 * that flag stands, since {@code kubectl exec pod -- sh -c ...} hides the interpreter behind another program. The
 * way out for shell scripts is positional parameters: {@code [sh, -c, 'kubectl get pod "$1"', sh, "{{ labels.pod }}"]}
 * keeps the script literal and hands the value over as {@code $1}.
 *
 * <p>Shared by every runbook step that runs an argv ({@code shell_command} diagnostics, {@code run_script} actions)
 * through {@link CommandTemplate}, so both refuse the same code positions with the same words.
 */
public final class InterpreterRules {
    /** POSIX-style shells: {@code sh -c script name arg...} binds the args to $1, $2, ... */
    static final Set<String> SHELLS =
            Set.of("sh", "bash", "dash", "zsh", "ksh", "mksh", "ash", "busybox", "fish", "csh", "tcsh");

    /** Database shells: they run the commands they read on stdin unless given a command or a file. */
    private static final Set<String> DATABASE_SHELLS = Set.of("psql", "mysql", "mariadb", "mongosh", "mongo");

    /** Programs that take code after a code flag, or read it from stdin when given no script. */
    static final Set<String> INTERPRETERS = union(
            union(SHELLS, DATABASE_SHELLS),
            Set.of(
                    "python",
                    "python2",
                    "python3",
                    "perl",
                    "ruby",
                    "node",
                    "nodejs",
                    "php",
                    "pwsh",
                    "powershell",
                    "cmd",
                    "cmd.exe",
                    "lua",
                    "tclsh",
                    "Rscript",
                    "osascript",
                    // their -c takes a command line for a shell
                    "su",
                    "runuser",
                    "flock",
                    "script"));

    /** Tools that take their {@code -c} after operands too: {@code su user -c ...}, {@code flock file -c ...}. */
    private static final Set<String> LATE_OPTION_TOOLS = Set.of("su", "runuser", "flock", "script");

    /**
     * Tools that join their operands into one command line for a shell: {@code ssh} (run by the remote login shell)
     * and {@code watch} (run by {@code sh -c} unless {@code -x}), with the options that take a value.
     */
    private static final Map<String, Set<String>> SHELL_LINE_TOOLS = Map.of(
            "ssh",
            Set.of(
                    "-b", "-c", "-D", "-E", "-e", "-F", "-I", "-i", "-J", "-L", "-l", "-m", "-O", "-o", "-p", "-Q",
                    "-R", "-S", "-W", "-w"),
            "watch",
            Set.of("-n", "--interval", "-d", "--differences"));

    /** Tools whose first operand is a program in their own language, and the options that take a value. */
    private static final Map<String, Set<String>> PROGRAM_OPERAND_TOOLS = Map.of(
            "awk", Set.of("-F", "-v", "-f"),
            "gawk", Set.of("-F", "-v", "-f"),
            "mawk", Set.of("-F", "-v", "-f"),
            "nawk", Set.of("-F", "-v", "-f"),
            "sed", Set.of("-e", "-f", "-l", "--expression", "--file"),
            "jq", Set.of("--arg", "--argjson", "--slurpfile", "--rawfile", "--indent", "-f", "--from-file", "-L"));

    /** Options after which such a tool has no program operand: the program comes from a file or an -e option. */
    private static final Set<String> PROGRAM_ELSEWHERE = Set.of("-f", "--file", "--from-file", "-e", "--expression");

    private static final Set<String> CODE_FLAGS = Set.of(
            "-c",
            "-e",
            "-E",
            "-r",
            "-p",
            "--eval",
            "--print",
            "--command",
            "--execute",
            "-Command",
            "-command",
            "-EncodedCommand",
            "-encodedcommand",
            "/c",
            "/C",
            "/k",
            "/K");

    /** Short option clusters such as {@code -lc}, {@code -ec}, {@code -ne}, {@code -pe}: the code flag comes last. */
    private static final Pattern CODE_CLUSTER = Pattern.compile("-[A-Za-z]{0,3}[ceE]");

    /** A code flag with its code joined on: {@code -c...}, {@code -e...}, {@code --eval=...}, {@code --command=...}. */
    private static final Pattern JOINED_CODE =
            Pattern.compile("(-[ceE].+|--(eval|command|execute|print)=.*)", Pattern.DOTALL);

    private InterpreterRules() {}

    private static Set<String> union(Set<String> a, Set<String> b) {
        java.util.HashSet<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    /**
     * The argv positions an interpreter reads as code, each with the reason: the element after a code flag of an
     * interpreter ({@code sh -c}, {@code python3 -u -c}, {@code kubectl exec pod -- bash -lc}), an interpreter option
     * with the code joined on ({@code --eval=...}), and the program operand of awk, sed and jq.
     */
    public static Map<Integer, CodePosition> codePositions(List<String> argv) {
        Map<Integer, CodePosition> positions = new LinkedHashMap<>();
        for (int i = 0; i < argv.size(); i++) {
            String name = baseName(argv.get(i));
            if (INTERPRETERS.contains(name)) {
                boolean lateOptions = LATE_OPTION_TOOLS.contains(name);
                for (int k = i + 1; k < argv.size() && (lateOptions || isOption(argv.get(k))); k++) {
                    String option = argv.get(k);
                    if (isCodeFlag(option) && k + 1 < argv.size()) {
                        positions.putIfAbsent(k + 1, new CodePosition(name, "follows '" + option + "' of " + name));
                        break;
                    }
                    if (JOINED_CODE.matcher(option).matches()) {
                        positions.putIfAbsent(
                                k, new CodePosition(name, "carries code for " + name + " joined to the option"));
                    }
                    if (option.equals("-o") || option.equals("+o")) {
                        k++; // a shell option name follows
                    }
                }
            }
            Set<String> lineOptions = SHELL_LINE_TOOLS.get(name);
            if (lineOptions != null) {
                shellLineOperands(argv, i, name, lineOptions)
                        .forEach(k -> positions.putIfAbsent(
                                k,
                                new CodePosition(name, "is part of the command line " + name + " hands to a shell")));
            }
            Set<String> valueOptions = PROGRAM_OPERAND_TOOLS.get(name);
            if (valueOptions != null) {
                int operand = programOperand(argv, i, valueOptions);
                if (operand >= 0) {
                    positions.putIfAbsent(operand, new CodePosition(name, "is the program " + name + " runs"));
                }
            }
        }
        return positions;
    }

    /** An argv position read as code: by which interpreter, and why, in words for an error message. */
    public record CodePosition(String interpreter, String reason) {}

    /** How to get a value into {@code interpreter}'s code without making it code, when no exact rewrite exists. */
    public static String dataHint(String interpreter) {
        return switch (interpreter) {
            case "jq" ->
                "pass the value with --arg and use it as $v: [jq, --arg, v, \"{{ labels.name }}\","
                        + " '.items[] | select(.name == $v)']";
            case "awk", "gawk", "mawk", "nawk" ->
                "pass the value with -v: [awk, -v, \"v={{ labels.name }}\"," + " '$1 == v']";
            case "sed" ->
                "sed cannot take a value in its script safely; filter with grep -F -e, or use a sh -c"
                        + " script that receives the value as \"$1\"";
            case "ssh" ->
                "ssh hands its command to the remote shell, so keep it literal and send the value on stdin:"
                        + " [ssh, host, 'read -r v && systemctl status \"$v\"'] with stdin: \"{{ labels.unit }}\"";
            default ->
                SHELLS.contains(interpreter)
                        ? "keep the script literal and pass the value as a positional argument:"
                                + " [sh, -c, 'kubectl get pod \"$1\"', sh, \"{{ labels.pod }}\"]"
                        : "keep the code literal and pass the value as a separate argument after it, or in env, and"
                                + " read it from there";
        };
    }

    /** The argv positions {@code ssh} or {@code watch} at {@code tool} joins into a shell command line. */
    private static List<Integer> shellLineOperands(List<String> argv, int tool, String name, Set<String> valueOptions) {
        List<Integer> operands = new ArrayList<>();
        boolean destinationSeen = !name.equals("ssh"); // ssh: the first operand is the host
        for (int k = tool + 1; k < argv.size(); k++) {
            String element = argv.get(k);
            if (!destinationSeen) {
                if (valueOptions.contains(element)) {
                    k++;
                } else if (!element.startsWith("-")) {
                    destinationSeen = true;
                }
                continue;
            }
            if (operands.isEmpty() && name.equals("watch")) {
                if (element.equals("-x") || element.equals("--exec")) {
                    return List.of(); // watch -x runs argv without a shell
                }
                if (valueOptions.contains(element)) {
                    k++;
                    continue;
                }
                if (element.startsWith("-")) {
                    continue;
                }
            }
            operands.add(k);
        }
        return operands;
    }

    private static int programOperand(List<String> argv, int tool, Set<String> valueOptions) {
        for (int k = tool + 1; k < argv.size(); k++) {
            String element = argv.get(k);
            if (element.equals("--")) {
                return k + 1 < argv.size() ? k + 1 : -1;
            }
            if (!element.startsWith("-") || element.equals("-")) {
                return k;
            }
            if (PROGRAM_ELSEWHERE.contains(element)) {
                return -1;
            }
            if (valueOptions.contains(element)) {
                k += element.equals("--arg")
                                || element.equals("--argjson")
                                || element.equals("--slurpfile")
                                || element.equals("--rawfile")
                        ? 2
                        : 1;
            }
        }
        return -1;
    }

    /**
     * True when the interpreter at the end of argv (or followed only by options) reads its program from stdin, as
     * {@code [sh]}, {@code [python3, -u]} or {@code [kubectl, exec, -i, pod, --, sh, -s]} do; or a database shell
     * that was given no command or file.
     */
    public static Optional<String> readsProgramFromStdin(List<String> argv) {
        for (int i = argv.size() - 1; i >= 0; i--) {
            String name = baseName(argv.get(i));
            if (DATABASE_SHELLS.contains(name)) {
                boolean hasCommand = argv.subList(i + 1, argv.size()).stream()
                        .anyMatch(a -> Set.of("-c", "-f", "-e", "--command", "--file", "--execute", "--eval")
                                        .contains(a)
                                || a.startsWith("--command=")
                                || a.startsWith("--file=")
                                || a.startsWith("--execute=")
                                || a.startsWith("--eval="));
                return hasCommand ? Optional.empty() : Optional.of(name);
            }
            if (INTERPRETERS.contains(name)) {
                List<String> rest = argv.subList(i + 1, argv.size());
                boolean onlyOptions = rest.stream().allMatch(InterpreterRules::isOption);
                boolean explicitStdin = rest.contains("-s") || rest.contains("-");
                boolean hasCode = rest.stream().anyMatch(InterpreterRules::isCodeFlag);
                return (onlyOptions || explicitStdin) && !hasCode ? Optional.of(name) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    static boolean isOption(String element) {
        return element.length() > 1
                && (element.charAt(0) == '-' || element.charAt(0) == '+' || element.charAt(0) == '/')
                && !element.equals("--")
                && !(element.charAt(0) == '/' && element.length() > 2); // /c is a flag, /usr/bin/x is a path
    }

    private static boolean isCodeFlag(String element) {
        return CODE_FLAGS.contains(element) || CODE_CLUSTER.matcher(element).matches();
    }

    /** The program name without its directory, as interpreters are recognised by name. */
    public static String baseName(String program) {
        int slash = program.lastIndexOf('/');
        return program.substring(slash + 1);
    }
}
