package dev.runbookbot.diagnose.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runbookbot.process.ArgvRewrite;
import dev.runbookbot.runbook.ConfigProblem;
import dev.runbookbot.runbook.StepConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShellCommandConfigTest {
    private static final String AT = "diagnostics[3].config";

    private static List<ConfigProblem> validate(Map<String, Object> values) {
        List<ConfigProblem> problems = new ArrayList<>();
        ShellCommandConfig.parse(new StepConfig(values, AT), ShellCommandSettings.defaults(), problems);
        return problems;
    }

    private static List<ConfigProblem> validateArgv(Object... argv) {
        return validate(Map.of("argv", List.of(argv)));
    }

    private static ConfigProblem problem(String key, String message) {
        return new ConfigProblem(AT + "." + key, message);
    }

    private static ConfigProblem problem(String key, String message, String hint) {
        return new ConfigProblem(AT + "." + key, message, hint);
    }

    private static final String COMMAND_MESSAGE = "'command' is a shell string, which runbook-bot never runs; write"
            + " 'argv' instead, a list with the program and each argument";

    @Test
    void acceptsAFullConfig() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("argv", List.of("kubectl", "rollout", "history", "deployment/{{ params.deployment }}", "-n", 5));
        values.put("env", Map.of("KUBECONFIG", "/etc/kubeconfig", "POD", "{{ labels.pod }}"));
        values.put("secret_env", Map.of("API_TOKEN", "payments-token"));
        values.put("stdin", "{{ labels.pod }}");
        Map<String, Object> patterns = new LinkedHashMap<>();
        patterns.put("rev", "^(\\d+)\\s");
        patterns.put("denied", Map.of("regex", "Forbidden", "stream", "stderr"));
        values.put("patterns", patterns);
        values.put("expect_exit", List.of(0, 1));
        values.put("max_output_bytes", 4096);
        values.put("max_lines", 50);

        List<ConfigProblem> problems = new ArrayList<>();
        ShellCommandConfig config = ShellCommandConfig.parse(
                        new StepConfig(values, AT), ShellCommandSettings.defaults(), problems)
                .orElseThrow();

        assertEquals(List.of(), problems);
        assertEquals("5", config.command().argv().get(5).source());
        assertEquals(2, config.patterns().size());
        assertEquals(OutputPattern.Stream.STDERR, config.patterns().get(1).stream());
        assertEquals(4096, config.maxOutputBytes());
    }

    @Test
    void refusesTheSeedsShellStringWithTheArgvRewrite() {
        assertEquals(
                List.of(problem(
                        "command",
                        COMMAND_MESSAGE,
                        "argv: [sh, -c, \"kubectl rollout history deployment/payment-service -n production | tail"
                                + " -3\"]")),
                validate(Map.of(
                        "command", "kubectl rollout history deployment/payment-service -n production | tail -3")));
    }

    @Test
    void aCommandWithoutShellSyntaxBecomesItsWords() {
        assertEquals(
                List.of(problem(
                        "command", COMMAND_MESSAGE, "argv: [kubectl, get, pod, \"{{ labels.pod }}\", -n, production]")),
                validate(Map.of("command", "kubectl get pod {{labels.pod}} -n production")));
    }

    @Test
    void templatedValuesInAShellStringMoveToPositionalArguments() {
        assertEquals(
                List.of(problem(
                        "command",
                        COMMAND_MESSAGE,
                        "argv: [sh, -c, 'kubectl rollout history deployment/\"$1\" -n \"$2\" | tail -3', sh,"
                                + " \"{{ params.deployment }}\", \"{{ labels.namespace }}\"]")),
                validate(Map.of(
                        "command",
                        "kubectl rollout history deployment/{{ params.deployment }} -n {{ labels.namespace }}"
                                + " | tail -3")));
    }

    @Test
    void positionalParametersAreQuotedForWhereTheyStand() {
        assertEquals(
                "argv: [sh, -c, \"grep \\\"$1\\\" /var/log/app.log | grep -c 'user '\\\"$2\\\"''\", sh,"
                        + " \"{{ labels.text }}\", \"{{ labels.user }}\"]",
                ArgvRewrite.commandRewrite(
                        "grep \"{{ labels.text }}\" /var/log/app.log | grep -c 'user {{ labels.user }}'"));
    }

    @Test
    void argvIsRequired() {
        assertEquals(
                List.of(problem(
                        "argv",
                        "shell_command needs 'argv': the program and its arguments as a list",
                        "argv: [kubectl, get, pods, -n, production]")),
                validate(Map.of()));
    }

    @Test
    void argvAsAStringIsTheSameMistakeAsCommand() {
        assertEquals(
                List.of(problem(
                        "argv",
                        "argv must be a list with the program and each argument; it is a string",
                        "argv: [uptime]")),
                validate(Map.of("argv", "uptime")));
    }

    @Test
    void theProgramIsNeverTemplated() {
        assertEquals(
                List.of(problem(
                        "argv[0]",
                        "argv[0] is templated; the program to run must be written in the runbook, never taken from"
                                + " an alert or a parameter")),
                validateArgv("{{ labels.tool }}", "--version"));
    }

    @Test
    void aTemplateAfterShDashCIsRejectedWithThePositionalRewrite() {
        assertEquals(
                List.of(problem(
                        "argv[2]",
                        "argv[2] is templated and follows '-c' of sh, so a value from an alert or a parameter would"
                                + " run as code",
                        "argv: [sh, -c, 'kubectl get pod \"$1\" -o wide', sh, \"{{ labels.pod }}\"]")),
                validateArgv("sh", "-c", "kubectl get pod {{ labels.pod }} -o wide"));
    }

    @Test
    void codeFlagsAreFoundBehindOtherProgramsAndInOptionClusters() {
        assertEquals(
                List.of(problem(
                        "argv[6]",
                        "argv[6] is templated and follows '-lc' of bash, so a value from an alert or a parameter"
                                + " would run as code",
                        "argv: [kubectl, exec, pod, --, bash, -lc, 'cat \"$1\"', bash, \"{{ labels.file }}\"]")),
                validateArgv("kubectl", "exec", "pod", "--", "bash", "-lc", "cat {{ labels.file }}"));
    }

    @Test
    void otherInterpretersGetAGeneralHint() {
        assertEquals(
                List.of(problem(
                        "argv[2]",
                        "argv[2] is templated and follows '-c' of python3, so a value from an alert or a"
                                + " parameter would run as code",
                        "keep the code literal and pass the value as a separate argument after it, or in"
                                + " env, and read it from there")),
                validateArgv("python3", "-c", "print('{{ labels.pod }}')"));
        assertEquals(
                List.of(problem(
                        "argv[1]",
                        "argv[1] is templated and carries code for node joined to the option, so a value from an"
                                + " alert or a parameter would run as code",
                        "keep the code literal and pass the value as a separate argument after it, or in env, and"
                                + " read it from there")),
                validateArgv("node", "--eval=console.log({{ labels.pod }})"));
    }

    @Test
    void theProgramOfJqAwkAndSedIsCodeToo() {
        assertEquals(
                List.of(problem(
                        "argv[2]",
                        "argv[2] is templated and is the program jq runs, so a value from an alert or a parameter"
                                + " would run as code",
                        "pass the value with --arg and use it as $v: [jq, --arg, v, \"{{ labels.name }}\","
                                + " '.items[] | select(.name == $v)']")),
                validateArgv("jq", "-r", ".items[] | select(.name == \"{{ labels.pod }}\")", "pods.json"));
        assertEquals(
                List.of(problem(
                        "argv[1]",
                        "argv[1] is templated and is the program awk runs, so a value from an alert or a parameter"
                                + " would run as code",
                        "pass the value with -v: [awk, -v, \"v={{ labels.name }}\", '$1 == v']")),
                validateArgv("awk", "$1 == \"{{ labels.pod }}\"", "/var/log/pods"));
    }

    @Test
    void sshAndWatchHandTheirCommandToAShell() {
        assertEquals(
                List.of(problem(
                        "argv[5]",
                        "argv[5] is templated and is part of the command line ssh hands to a shell, so a value from an"
                                + " alert or a parameter would run as code",
                        "ssh hands its command to the remote shell, so keep it literal and send the value on stdin:"
                                + " [ssh, host, 'read -r v && systemctl status \"$v\"'] with stdin: \"{{ labels.unit"
                                + " }}\"")),
                validateArgv("ssh", "-i", "/etc/bot/key", "db-1", "systemctl", "{{ labels.unit }}"));
        assertEquals(
                List.of(problem(
                        "argv[4]",
                        "argv[4] is templated and is part of the command line watch hands to a shell, so a value from"
                                + " an alert or a parameter would run as code",
                        "keep the code literal and pass the value as a separate argument after it, or in env, and"
                                + " read it from there")),
                validateArgv("watch", "-n", "1", "ls", "{{ labels.dir }}"));
        assertEquals(List.of(), validateArgv("ssh", "{{ labels.host }}", "uptime"));
        assertEquals(List.of(), validateArgv("watch", "-x", "ls", "{{ labels.dir }}"));
        assertEquals(
                "argv[3] is templated and follows '-c' of su, so a value from an alert or a parameter would run as code",
                validateArgv("su", "postgres", "-c", "psql -c {{ labels.q }}")
                        .get(0)
                        .message());
    }

    @Test
    void valuesPassedAsDataAreFine() {
        assertEquals(List.of(), validateArgv("sh", "-c", "kubectl get pod \"$1\"", "sh", "{{ labels.pod }}"));
        assertEquals(List.of(), validateArgv("kubectl", "logs", "-c", "{{ labels.container }}", "{{ labels.pod }}"));
        assertEquals(List.of(), validateArgv("jq", "--arg", "v", "{{ labels.pod }}", ".items[] | select(.n == $v)"));
        assertEquals(List.of(), validateArgv("awk", "-v", "v={{ labels.pod }}", "$1 == v", "/var/log/pods"));
        assertEquals(List.of(), validateArgv("grep", "-F", "--regexp={{ labels.text }}", "/var/log/app.log"));
    }

    @Test
    void booleansAndBrokenTemplatesInArgvAreReported() {
        assertEquals(
                List.of(
                        problem(
                                "argv[1]",
                                "argv[1] is the YAML boolean true; quote it (\"true\") if you mean the text"),
                        problem(
                                "argv[2]",
                                "malformed placeholder; write {{ params.<name> }}, {{ labels.<name> }} or {{"
                                        + " annotations.<name> }}"),
                        problem("argv[3]", "argv[3] must be a string, not a map")),
                validateArgv("echo", true, "{{ labels.pod", Map.of("a", 1)));
    }

    @Test
    void environmentRules() {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("PATH", "/tmp");
        env.put("A-B", "x");
        env.put("LD_PRELOAD", "{{ labels.lib }}");
        env.put("LD_LIBRARY_PATH", "/opt/lib");
        env.put("POD", "{{ labels.pod }}");
        assertEquals(
                List.of(
                        problem(
                                "env.PATH",
                                "PATH is fixed by the bot's configuration; a runbook cannot change where programs are"
                                        + " found"),
                        problem(
                                "env.A-B",
                                "'A-B' is not a valid environment variable name; use letters, digits and"
                                        + " underscores, not starting with a digit"),
                        problem(
                                "env.LD_PRELOAD",
                                "LD_PRELOAD is templated; it decides what code a program loads or runs, so it cannot"
                                        + " take a value from an alert or a parameter")),
                validate(Map.of("argv", List.of("env"), "env", env)));
    }

    @Test
    void secretEnvironmentNamesSecretsLiterally() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("argv", List.of("env"));
        values.put("env", Map.of("TOKEN", "x"));
        values.put("secret_env", Map.of("TOKEN", "a", "KEY", "{{ labels.secret }}", "EMPTY", ""));
        List<ConfigProblem> problems = validate(values);
        assertEquals(
                List.of(
                        problem("secret_env.EMPTY", "secret_env.EMPTY must name a secret"),
                        problem("secret_env.KEY", "secret names are written literally, not templated"),
                        problem("secret_env.TOKEN", "TOKEN is set in both env and secret_env")),
                problems.stream()
                        .sorted(java.util.Comparator.comparing(ConfigProblem::path))
                        .toList());
    }

    @Test
    void templatedStdinIsRefusedWhenAnInterpreterReadsItsProgramThere() {
        String message = " reads its program from stdin, so a value from an alert or a parameter would run as code";
        String hint = "keep stdin literal and pass the value as an argument or in env";
        assertEquals(
                List.of(problem("stdin", "stdin is templated and sh" + message, hint)),
                validate(Map.of("argv", List.of("sh"), "stdin", "echo {{ labels.pod }}")));
        assertEquals(
                List.of(problem("stdin", "stdin is templated and psql" + message, hint)),
                validate(Map.of("argv", List.of("psql", "-h", "db", "payments"), "stdin", "{{ labels.q }}")));
        assertEquals(
                List.of(problem("stdin", "stdin is templated and sh" + message, hint)),
                validate(Map.of(
                        "argv", List.of("kubectl", "exec", "-i", "pod", "--", "sh", "-s"), "stdin", "{{ labels.q }}")));
        assertEquals(List.of(), validate(Map.of("argv", List.of("grep", "-c", "x"), "stdin", "{{ labels.pod }}")));
        assertEquals(List.of(), validate(Map.of("argv", List.of("python3", "check.py"), "stdin", "{{ labels.p }}")));
    }

    @Test
    void patternRules() {
        Map<String, Object> patterns = new LinkedHashMap<>();
        patterns.put("bad-name", "x");
        patterns.put("broken", "(unclosed");
        patterns.put("templated", "{{ labels.pod }}");
        patterns.put("odd_stream", Map.of("regex", "x", "stream", "both"));
        patterns.put("no_regex", Map.of("stream", "stdout"));
        assertEquals(
                List.of(
                        problem(
                                "patterns.bad-name",
                                "pattern name 'bad-name' must start with a letter or underscore and hold only letters,"
                                        + " digits and underscores, so conditions can write matches.bad_name"),
                        problem("patterns.broken", "not a valid regular expression: Unclosed group near index 9"),
                        problem(
                                "patterns.templated",
                                "patterns are not templated: a regular expression built from alert data could be made"
                                        + " to match anything or to run for minutes"),
                        problem("patterns.odd_stream.stream", "stream must be stdout or stderr"),
                        problem("patterns.no_regex.regex", "a pattern needs 'regex', a string")),
                validate(Map.of("argv", List.of("true"), "patterns", patterns)));
    }

    @Test
    void limitsAndUnknownKeys() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("argv", List.of("true"));
        values.put("expect_exit", List.of(0, 300));
        values.put("max_output_bytes", 10);
        values.put("max_lines", 1.5);
        values.put("timeout_ms", 5);
        assertEquals(
                List.of(
                        problem(
                                "timeout_ms",
                                "unknown key 'timeout_ms' for shell_command; known keys: argv, env, secret_env, stdin,"
                                        + " patterns, expect_exit, max_output_bytes, max_lines"),
                        problem("expect_exit", "expect_exit must be an exit code from 0 to 255 or a list of them"),
                        problem("max_output_bytes", "max_output_bytes must be a whole number from 1024 to 1048576"),
                        problem("max_lines", "max_lines must be a whole number from 1 to 10000")),
                validate(values));
    }
}
