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
        return CommandTemplateParser.parse(config, stepType, problems);
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
}
