package dev.runbookbot.process;

import dev.runbookbot.expr.Template;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.expr.TemplateException;
import dev.runbookbot.expr.TemplateSink;
import dev.runbookbot.runbook.ConfigProblem;
import dev.runbookbot.runbook.StepConfig;
import dev.runbookbot.secrets.Redactor;
import dev.runbookbot.secrets.Secret;
import dev.runbookbot.secrets.SecretResolver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The command part of a runbook step that runs a program: {@code argv}, {@code env}, {@code secret_env} and {@code
 * stdin}, parsed and checked in one pass, and rendered into a {@link ProcessSpec} for one run. Shared by the {@code
 * shell_command} diagnostic and the {@code run_script} action, so both follow the same rules:
 *
 * <ul>
 *   <li>{@code argv} is a list; {@code argv[0]}, the program, is written literally; a shell string ({@code command})
 *       is refused with the argv rewrite.
 *   <li>No templated value stands where an interpreter reads code ({@link InterpreterRules}: after {@code sh -c},
 *       {@code python -c}, {@code node -e}, ...); the hint shows the positional-argument rewrite.
 *   <li>A templated argv element whose value would start with {@code -} is refused when the command runs, unless a
 *       literal {@code --} precedes it (argument injection such as {@code -oProxyCommand=...}).
 *   <li>{@code env} values are templated for the environment; variables that make a program load code ({@code
 *       LD_PRELOAD}, {@code BASH_ENV}, {@code NODE_OPTIONS}, ...) cannot take template values, and {@code PATH} is
 *       fixed by configuration.
 *   <li>Secrets only ever travel in {@code secret_env} (by secret name), never in argv, which every local user can
 *       read in {@code /proc}.
 *   <li>A templated {@code stdin} is refused when the program reads its code from stdin.
 * </ul>
 *
 * <pre>{@code
 * argv: [kubectl, rollout, history, "deployment/{{ params.deployment }}", -n, production]
 * env: {KUBECONFIG: /etc/runbook-bot/kubeconfig}
 * secret_env: {API_TOKEN: payments-api-token}
 * stdin: "..."
 * }</pre>
 *
 * @param argv one template per argv element, each rendered for {@link TemplateSink#ARGV}
 * @param environment extra variables, values rendered for {@link TemplateSink#ENV}
 * @param secretEnvironment variables whose values are the named secrets
 * @param stdin what the command reads on stdin, if anything
 * @param sandbox what the step asks of its sandbox ({@code network}, {@code mounts}, {@code sandbox.image}; see {@link
 *     SandboxRequest})
 */
public record CommandTemplate(
        List<Template> argv,
        Map<String, Template> environment,
        Map<String, String> secretEnvironment,
        Optional<Template> stdin,
        SandboxRequest sandbox) {
    /**
     * The config keys this part reads ({@code command} is recognised too, and refused with the argv rewrite; the
     * sandbox keys {@link SandboxRequest#KEYS} too).
     */
    public static final List<String> KEYS = List.of("argv", "env", "secret_env", "stdin");

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

    public CommandTemplate {
        argv = List.copyOf(argv);
        environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        secretEnvironment = Collections.unmodifiableMap(new LinkedHashMap<>(secretEnvironment));
        Objects.requireNonNull(sandbox, "sandbox");
    }

    /** Whether {@code key} is one of the keys this part reads. */
    public static boolean reads(String key) {
        return KEYS.contains(key) || SandboxRequest.KEYS.contains(key) || key.equals("command");
    }

    /**
     * Parses the command keys of {@code config} for a step of type {@code stepType} (named in messages); every problem
     * found is added to {@code problems}, and then the result is empty. Other keys are the caller's to check.
     */
    public static Optional<CommandTemplate> parse(StepConfig config, String stepType, List<ConfigProblem> problems) {
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

    /**
     * Renders the command for one run: argv and env with {@code context}, secrets resolved by name, bounded by {@code
     * timeout} and {@code maxOutputBytes} per stream.
     *
     * @throws CommandTemplateException naming the element when a value is missing, a value would be read as an option,
     *     or a secret is not defined
     */
    public ProcessSpec render(TemplateContext context, SecretResolver secrets, Duration timeout, int maxOutputBytes)
            throws CommandTemplateException {
        List<String> rendered = renderArgv(context);
        Map<String, String> env = new LinkedHashMap<>();
        for (Map.Entry<String, Template> e : environment.entrySet()) {
            env.put(e.getKey(), render(e.getValue(), context, TemplateSink.ENV, "env." + e.getKey()));
        }
        StandardInput input = stdin.isEmpty()
                ? StandardInput.closed()
                : StandardInput.text(render(stdin.get(), context, TemplateSink.ENV, "stdin"));
        Map<String, Secret> secretEnv = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : secretEnvironment.entrySet()) {
            Optional<Secret> secret = secrets.resolve(e.getValue());
            if (secret.isEmpty()) {
                throw new CommandTemplateException(
                        "secret '" + e.getValue() + "' for secret_env." + e.getKey() + " is not defined");
            }
            secretEnv.put(e.getKey(), secret.get());
        }
        return new ProcessSpec(rendered, env, secretEnv, input, timeout, maxOutputBytes, sandbox);
    }

    /**
     * What the command would run with {@code context}, for previews and dry runs: the rendered argv, each environment
     * variable, each secret variable as {@code <secret:NAME>} (secrets are not resolved) and stdin. No side effects.
     *
     * @throws CommandTemplateException as {@link #render} does, for everything but secrets
     */
    public List<String> describe(TemplateContext context) throws CommandTemplateException {
        List<String> lines = new ArrayList<>();
        lines.add(String.join(
                " ", renderArgv(context).stream().map(CommandTemplate::quoted).toList()));
        for (Map.Entry<String, Template> e : environment.entrySet()) {
            lines.add("env " + e.getKey() + "="
                    + quoted(render(e.getValue(), context, TemplateSink.ENV, "env." + e.getKey())));
        }
        secretEnvironment.forEach((name, secret) -> lines.add("env " + name + "=<secret:" + secret + ">"));
        if (stdin.isPresent()) {
            lines.add("stdin: " + quoted(render(stdin.get(), context, TemplateSink.ENV, "stdin")));
        }
        sandbox.network().ifPresent(network -> lines.add("network: " + network.setting()));
        sandbox.mounts().forEach(mount -> lines.add("mount (read-only): " + mount));
        sandbox.image().ifPresent(image -> lines.add("container image: " + image));
        return lines;
    }

    private List<String> renderArgv(TemplateContext context) throws CommandTemplateException {
        List<String> rendered = new ArrayList<>();
        boolean operandsOnly = false;
        for (int i = 0; i < argv.size(); i++) {
            Template element = argv.get(i);
            String value = render(element, context, TemplateSink.ARGV, "argv[" + i + "]");
            if (!operandsOnly && startsWithValue(element) && looksLikeOption(value)) {
                throw new CommandTemplateException("argv[" + i + "]: the value of "
                        + element.variables().iterator().next()
                        + " starts with '-', so the program would read it as an option; if it is meant as data, put"
                        + " \"--\" before it in argv");
            }
            operandsOnly |= element.source().equals("--");
            rendered.add(value);
        }
        return rendered;
    }

    /** An argv element as a reader can copy it: bare when it is plain, else single-quoted for a POSIX shell. */
    private static String quoted(String element) {
        if (!element.isEmpty() && element.matches("[A-Za-z0-9_./:=@%+,-]+")) {
            return element;
        }
        return "'" + element.replace("'", "'\\''") + "'";
    }

    /** The command as the runbook wrote it (templates unrendered, so no alert data), shortened for messages. */
    public String shown() {
        String joined = String.join(" ", argv.stream().map(Template::source).toList());
        return joined.length() <= 80 ? joined : joined.substring(0, 79) + "…";
    }

    /**
     * Masks every secret value handed to the command wherever the command echoed it, with the {@link Redactor} every
     * other sink uses (literal, overlaps masked whole, values under {@value Redactor#MIN_MASKED_LENGTH} characters
     * left as they are).
     */
    public static String mask(String text, Map<String, Secret> secretEnvironment) {
        return Redactor.of(secretEnvironment.values()).redact(text);
    }

    /** True when the element begins with a placeholder, so the value decides its first character. */
    private static boolean startsWithValue(Template element) {
        return !element.variables().isEmpty() && element.source().stripLeading().startsWith("{{");
    }

    /** True for a value a program would parse as an option, such as {@code -oProxyCommand=...}; numbers are data. */
    private static boolean looksLikeOption(String value) {
        return value.startsWith("-") && !value.matches("-[0-9]+(\\.[0-9]+)?");
    }

    private static String render(Template template, TemplateContext context, TemplateSink sink, String where)
            throws CommandTemplateException {
        try {
            return template.render(context, sink).text();
        } catch (TemplateException e) {
            throw new CommandTemplateException(where + ": " + e.getMessage());
        }
    }

    private static ConfigProblem commandProblem(StepConfig config, Object command) {
        String message = "'command' is a shell string, which runbook-bot never runs; write 'argv' instead, a list"
                + " with the program and each argument";
        if (command instanceof String text && !text.isBlank()) {
            return new ConfigProblem(config.pathOf("command"), message, InterpreterRules.commandRewrite(text));
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
                    ? InterpreterRules.commandRewrite(text)
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
                        InterpreterRules.positionalRewrite(texts, index)
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
