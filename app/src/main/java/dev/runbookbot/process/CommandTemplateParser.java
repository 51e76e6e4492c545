package dev.runbookbot.process;

import dev.runbookbot.expr.Template;
import dev.runbookbot.expr.TemplateException;
import dev.runbookbot.expr.TemplateSink;
import dev.runbookbot.runbook.ConfigProblem;
import dev.runbookbot.runbook.StepConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the command keys of a step ({@code argv}, {@code env}, {@code secret_env}, {@code stdin}, and the sandbox
 * keys) into a {@link CommandTemplate}, checking every rule of its contract where it is parsed and reporting each
 * problem with its full path: no shell string, a literal program, no template where an interpreter reads code
 * ({@link InterpreterRules}), no template in a variable that makes a program load code, secrets only by name.
 */
final class CommandTemplateParser {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** Variables that make a program load or run other code: never from alert data or parameters. */
    private static final Set<String> CODE_VARIABLES = Set.of(
            "BASH_ENV",
            "ENV",
            "SHELLOPTS",
            "BASHOPTS",
            "PS4",
            "PROMPT_COMMAND",
            "IFS",
            "PYTHONPATH",
            "PYTHONSTARTUP",
            "PYTHONHOME",
            "PERL5LIB",
            "PERL5OPT",
            "PERLLIB",
            "RUBYOPT",
            "RUBYLIB",
            "NODE_OPTIONS",
            "NODE_PATH",
            "JAVA_TOOL_OPTIONS",
            "_JAVA_OPTIONS",
            "JDK_JAVA_OPTIONS",
            "KUBECONFIG",
            "GIT_SSH_COMMAND",
            "PAGER",
            "EDITOR");

    private CommandTemplateParser() {}

    /** See {@link CommandTemplate#parse}. */
    static Optional<CommandTemplate> parse(StepConfig config, String stepType, List<ConfigProblem> problems) {
        int before = problems.size();
        config.get("command").ifPresent(command -> problems.add(commandProblem(config, command)));
        List<Template> argv = argv(config, stepType, problems);
        Map<String, Template> env = environment(config, problems);
        Map<String, String> secretEnv = secretEnvironment(config, env, problems);
        Optional<Template> stdin = stdin(config, argv, problems);
        SandboxRequest sandbox = SandboxRequest.parse(config, problems);
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new CommandTemplate(argv, env, secretEnv, stdin, sandbox));
    }

    private static ConfigProblem commandProblem(StepConfig config, Object command) {
        String message = "'command' is a shell string, which runbook-bot never runs; write 'argv' instead, a list"
                + " with the program and each argument";
        if (command instanceof String text && !text.isBlank()) {
            return new ConfigProblem(config.pathOf("command"), message, ArgvRewrite.commandRewrite(text));
        }
        return new ConfigProblem(config.pathOf("command"), message, "argv: [kubectl, get, pods, -n, production]");
    }

    private static List<Template> argv(StepConfig config, String stepType, List<ConfigProblem> problems) {
        String path = config.pathOf("argv");
        Object raw = config.values().get("argv");
        if (raw == null) {
            if (!config.values().containsKey("command")) {
                problems.add(new ConfigProblem(
                        path,
                        stepType + " needs 'argv': the program and its arguments as a list",
                        "argv: [kubectl, get, pods, -n, production]"));
            }
            return List.of();
        }
        if (!(raw instanceof List<?> list)) {
            String hint = raw instanceof String text && !text.isBlank()
                    ? ArgvRewrite.commandRewrite(text)
                    : "argv: [kubectl, get, pods, -n, production]";
            problems.add(new ConfigProblem(
                    path, "argv must be a list with the program and each argument; it is " + describe(raw), hint));
            return List.of();
        }
        if (list.isEmpty()) {
            problems.add(new ConfigProblem(path, "argv is empty; it needs at least the program to run"));
            return List.of();
        }
        List<Template> templates = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        boolean usable = true;
        for (int i = 0; i < list.size(); i++) {
            String elementPath = path + "[" + i + "]";
            Optional<String> text = scalarText(list.get(i), config, elementPath, problems);
            Optional<Template> template = text.flatMap(t -> template(t, TemplateSink.ARGV, elementPath, problems));
            usable &= template.isPresent();
            template.ifPresent(templates::add);
            texts.add(text.orElse(""));
        }
        if (!usable) {
            return List.of();
        }
        if (texts.get(0).isEmpty()) {
            problems.add(new ConfigProblem(path + "[0]", "argv[0] is empty; it must name the program to run"));
        } else if (Template.isTemplated(texts.get(0))) {
            problems.add(new ConfigProblem(
                    path + "[0]",
                    "argv[0] is templated; the program to run must be written in the runbook, never taken from an"
                            + " alert or a parameter"));
        }
        InterpreterRules.codePositions(texts).forEach((index, code) -> {
            if (Template.isTemplated(texts.get(index))) {
                problems.add(new ConfigProblem(
                        path + "[" + index + "]",
                        "argv[" + index + "] is templated and " + code.reason()
                                + ", so a value from an alert or a parameter would run as code",
                        ArgvRewrite.positionalRewrite(texts, index)
                                .map(rewrite -> "argv: " + rewrite)
                                .orElse(InterpreterRules.dataHint(code.interpreter()))));
            }
        });
        return templates;
    }

    private static Map<String, Template> environment(StepConfig config, List<ConfigProblem> problems) {
        Map<String, Template> env = new LinkedHashMap<>();
        Optional<Map<?, ?>> raw = map(config, "env", "env must be a map of variable names to values", problems);
        if (raw.isEmpty()) {
            return env;
        }
        for (Map.Entry<?, ?> entry : raw.get().entrySet()) {
            String name = String.valueOf(entry.getKey());
            String path = config.pathOf("env") + "." + name;
            if (!variableName(name, path, problems)) {
                continue;
            }
            Optional<Template> value = scalarText(entry.getValue(), config, path, problems)
                    .flatMap(text -> template(text, TemplateSink.ENV, path, problems));
            if (value.isEmpty()) {
                continue;
            }
            if (!value.get().variables().isEmpty() && isCodeVariable(name)) {
                problems.add(new ConfigProblem(
                        path,
                        name + " is templated; it decides what code a program loads or runs, so it cannot take a"
                                + " value from an alert or a parameter"));
                continue;
            }
            env.put(name, value.get());
        }
        return env;
    }

    private static Map<String, String> secretEnvironment(
            StepConfig config, Map<String, Template> env, List<ConfigProblem> problems) {
        Map<String, String> secrets = new LinkedHashMap<>();
        Optional<Map<?, ?>> raw =
                map(config, "secret_env", "secret_env must be a map of variable names to secret names", problems);
        if (raw.isEmpty()) {
            return secrets;
        }
        for (Map.Entry<?, ?> entry : raw.get().entrySet()) {
            String name = String.valueOf(entry.getKey());
            String path = config.pathOf("secret_env") + "." + name;
            if (!variableName(name, path, problems)) {
                continue;
            }
            if (env.containsKey(name)) {
                problems.add(new ConfigProblem(path, name + " is set in both env and secret_env"));
                continue;
            }
            if (!(entry.getValue() instanceof String secretName) || secretName.isBlank()) {
                problems.add(new ConfigProblem(path, "secret_env." + name + " must name a secret"));
            } else if (Template.isTemplated(secretName)) {
                problems.add(new ConfigProblem(path, "secret names are written literally, not templated"));
            } else {
                secrets.put(name, secretName);
            }
        }
        return secrets;
    }

    private static Optional<Template> stdin(StepConfig config, List<Template> argv, List<ConfigProblem> problems) {
        Object raw = config.values().get("stdin");
        if (raw == null) {
            return Optional.empty();
        }
        String path = config.pathOf("stdin");
        Optional<Template> stdin = scalarText(raw, config, path, problems)
                .flatMap(text -> template(text, TemplateSink.ENV, path, problems));
        if (stdin.isPresent() && !stdin.get().variables().isEmpty() && !argv.isEmpty()) {
            List<String> texts = argv.stream().map(Template::source).toList();
            InterpreterRules.readsProgramFromStdin(texts)
                    .ifPresent(interpreter -> problems.add(new ConfigProblem(
                            path,
                            "stdin is templated and " + interpreter
                                    + " reads its program from stdin, so a value from an"
                                    + " alert or a parameter would run as code",
                            "keep stdin literal and pass the value as an argument or in env")));
        }
        return stdin;
    }

    private static Optional<Map<?, ?>> map(
            StepConfig config, String key, String message, List<ConfigProblem> problems) {
        Object raw = config.values().get(key);
        if (raw == null) {
            return Optional.empty();
        }
        if (raw instanceof Map<?, ?> map) {
            return Optional.of(map);
        }
        problems.add(new ConfigProblem(config.pathOf(key), message));
        return Optional.empty();
    }

    private static boolean variableName(String name, String path, List<ConfigProblem> problems) {
        if (!NAME.matcher(name).matches()) {
            problems.add(new ConfigProblem(
                    path,
                    "'" + name + "' is not a valid environment variable name; use letters, digits and underscores,"
                            + " not starting with a digit"));
            return false;
        }
        if (name.equals("PATH")) {
            problems.add(new ConfigProblem(
                    path,
                    "PATH is fixed by the bot's configuration; a runbook cannot change where programs are found"));
            return false;
        }
        return true;
    }

    private static boolean isCodeVariable(String name) {
        return CODE_VARIABLES.contains(name)
                || name.startsWith("LD_")
                || name.startsWith("DYLD_")
                || name.startsWith("BASH_FUNC_");
    }

    /** The text of a scalar: strings as they are, numbers in decimal. Booleans are refused, see the message. */
    private static Optional<String> scalarText(
            Object value, StepConfig config, String path, List<ConfigProblem> problems) {
        String label = path.startsWith(config.path() + ".")
                ? path.substring(config.path().length() + 1)
                : path;
        if (value instanceof String text) {
            return Optional.of(text);
        }
        if (value instanceof Number number) {
            return Optional.of(number.toString());
        }
        if (value instanceof Boolean b) {
            problems.add(new ConfigProblem(
                    path, label + " is the YAML boolean " + b + "; quote it (\"" + b + "\") if you mean the text"));
            return Optional.empty();
        }
        problems.add(new ConfigProblem(path, label + " must be a string, not " + describe(value)));
        return Optional.empty();
    }

    private static Optional<Template> template(
            String text, TemplateSink sink, String path, List<ConfigProblem> problems) {
        try {
            Template template = Template.parse(text);
            template.checkPlacement(sink);
            return Optional.of(template);
        } catch (TemplateException e) {
            problems.add(new ConfigProblem(path, e.getMessage()));
            return Optional.empty();
        }
    }

    private static String describe(Object value) {
        if (value == null) {
            return "empty";
        }
        if (value instanceof Map) {
            return "a map";
        }
        if (value instanceof List) {
            return "a list";
        }
        if (value instanceof String) {
            return "a string";
        }
        return "a " + value.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
    }
}
