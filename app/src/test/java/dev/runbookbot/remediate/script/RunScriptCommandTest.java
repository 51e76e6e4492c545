package dev.runbookbot.remediate.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runbookbot.datasource.NamedDataSources;
import dev.runbookbot.expr.TemplateContext;
import dev.runbookbot.process.ProcessRunner;
import dev.runbookbot.process.ProcessRunnerSettings;
import dev.runbookbot.remediate.ActionException;
import dev.runbookbot.remediate.ActionOutcome;
import dev.runbookbot.remediate.ActionPreview;
import dev.runbookbot.remediate.ActionRequest;
import dev.runbookbot.runbook.ActionSpec;
import dev.runbookbot.runbook.ActionType;
import dev.runbookbot.runbook.ConfigProblem;
import dev.runbookbot.runbook.StepConfig;
import dev.runbookbot.secrets.Secret;
import dev.runbookbot.secrets.SecretResolver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The command form of run_script with real processes: the shell diagnostic's rules, secrets, exit codes, timeouts. */
@Timeout(60)
class RunScriptCommandTest {
    private static final String PATH = "remediations[0].action.config";
    private static final String TOKEN = "tok-S3cret-777";

    @TempDir
    Path workDir;

    private RunScriptActionExecutor executor;

    @BeforeEach
    void setUp() {
        SecretResolver secrets =
                name -> name.equals("payments-api-token") ? Optional.of(new Secret(name, TOKEN)) : Optional.empty();
        executor = new RunScriptActionExecutor(
                new NamedDataSources(List.of(), SecretResolver.none()),
                new ProcessRunner(ProcessRunnerSettings.defaults(workDir)),
                secrets);
    }

    private static ActionRequest request(Map<String, Object> config, Map<String, Object> params, Duration timeout) {
        return new ActionRequest(
                "capture_error_samples",
                new ActionSpec(ActionType.RUN_SCRIPT, new StepConfig(config, PATH)),
                new TemplateContext(params, Map.of(), Map.of()),
                "prod",
                timeout,
                "INC-1/capture_error_samples/1");
    }

    private ActionOutcome run(Map<String, Object> config, Map<String, Object> params) {
        return executor.execute(request(config, params, Duration.ofSeconds(20)));
    }

    private List<String> problems(Map<String, Object> config) {
        return executor.validate(new StepConfig(config, PATH)).stream()
                .map(p -> p.path() + ": " + p.message())
                .toList();
    }

    @Test
    void aTemplatedValueIsOneArgumentAndNeverCode() {
        ActionOutcome outcome = run(
                Map.of("argv", List.of("sh", "-c", "printf '%s\\n' \"$1\"", "sh", "{{ params.namespace }}")),
                Map.of("namespace", "payments; touch pwned"));
        assertEquals(
                "payments; touch pwned\n",
                assertInstanceOf(ActionOutcome.Completed.class, outcome).output());
        assertEquals(0, workDir.toFile().list().length, "nothing ran but printf");
    }

    @Test
    void aTemplatedScriptAfterShDashCIsRefusedWithThePositionalRewrite() {
        List<ConfigProblem> problems = executor.validate(
                new StepConfig(Map.of("argv", List.of("sh", "-c", "kubectl logs {{ params.pod }}")), PATH));
        assertEquals(1, problems.size(), problems.toString());
        assertEquals(PATH + ".argv[2]", problems.get(0).path());
        assertEquals(
                "argv[2] is templated and follows '-c' of sh, so a value from an alert or a parameter would run as"
                        + " code",
                problems.get(0).message());
        assertTrue(
                problems.get(0).hint().startsWith("argv: [sh, -c, "),
                problems.get(0).hint());
    }

    @Test
    void theShellStringFormIsRefusedAndBothFormsAtOnceToo() {
        assertEquals(
                List.of(PATH + ".command: 'command' is a shell string, which runbook-bot never runs; write 'argv'"
                        + " instead, a list with the program and each argument"),
                problems(Map.of("command", "redis-cli FLUSHDB")));
        assertEquals(
                List.of(PATH + ": run_script runs either a command (argv) or a statement (sql with datasource), not"
                        + " both; split it into two remediations"),
                problems(Map.of("argv", List.of("true"), "sql", "SELECT 1", "datasource", "payments")));
        assertEquals(
                List.of(PATH + ".retries: unknown key 'retries' for a run_script command; known keys: argv, env,"
                        + " secret_env, stdin, expect_exit, max_output_bytes"),
                problems(Map.of("argv", List.of("true"), "retries", 2)));
    }

    @Test
    void secretsTravelInTheEnvironmentAndAreMaskedInTheOutput() throws ActionException {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("argv", List.of("sh", "-c", "echo \"calling with $API_TOKEN\"; echo \"token $API_TOKEN\" >&2"));
        config.put("secret_env", Map.of("API_TOKEN", "payments-api-token"));
        ActionOutcome outcome = run(config, Map.of());

        assertEquals(
                "calling with <secret:payments-api-token>\n--- stderr ---\ntoken <secret:payments-api-token>\n",
                assertInstanceOf(ActionOutcome.Completed.class, outcome).output());
        ActionPreview preview = executor.preview(request(config, Map.of(), Duration.ofSeconds(20)));
        assertEquals(
                List.of(
                        "sh -c 'echo \"calling with $API_TOKEN\"; echo \"token $API_TOKEN\" >&2'",
                        "env API_TOKEN=<secret:payments-api-token>",
                        "(exit code 0 expected; the process tree is killed after 18.8s)"),
                preview.lines());
        assertEquals("command on the bot's host", preview.target());
    }

    @Test
    void aMissingSecretIsNamed() {
        ActionOutcome outcome =
                run(Map.of("argv", List.of("true"), "secret_env", Map.of("API_TOKEN", "nobody-set-this")), Map.of());
        assertEquals(
                "secret 'nobody-set-this' for secret_env.API_TOKEN is not defined",
                assertInstanceOf(ActionOutcome.Failed.class, outcome).reason());
    }

    @Test
    void anUnexpectedExitCodeIsAFailureWithTheFirstErrorLine() {
        ActionOutcome outcome =
                run(Map.of("argv", List.of("sh", "-c", "echo partial; echo boom >&2; exit 3")), Map.of());
        ActionOutcome.Failed failed = assertInstanceOf(ActionOutcome.Failed.class, outcome);
        assertEquals("`sh -c echo partial; echo boom >&2; exit 3` exited with 3, expected 0: boom", failed.reason());
        assertEquals("partial\n--- stderr ---\nboom\n", failed.output());

        ActionOutcome tolerated =
                run(Map.of("argv", List.of("sh", "-c", "exit 1"), "expect_exit", List.of(0, 1)), Map.of());
        assertInstanceOf(ActionOutcome.Completed.class, tolerated);
    }

    @Test
    void aValueThatLooksLikeAnOptionIsRefusedUnlessAfterDoubleDash() {
        ActionOutcome refused = run(Map.of("argv", List.of("echo", "{{ params.pod }}")), Map.of("pod", "-e"));
        assertEquals(
                "argv[1]: the value of params.pod starts with '-', so the program would read it as an option; if it is"
                        + " meant as data, put \"--\" before it in argv",
                assertInstanceOf(ActionOutcome.Failed.class, refused).reason());
        ActionOutcome allowed =
                run(Map.of("argv", List.of("printf", "%s\\n", "--", "{{ params.pod }}")), Map.of("pod", "-e"));
        assertInstanceOf(ActionOutcome.Completed.class, allowed);
    }

    @Test
    void aCommandThatRunsTooLongIsKilledWithItsTree() {
        ActionOutcome outcome = executor.execute(request(
                Map.of("argv", List.of("sh", "-c", "sleep 30 & sleep 31; wait")), Map.of(), Duration.ofSeconds(2)));
        ActionOutcome.Failed failed = assertInstanceOf(ActionOutcome.Failed.class, outcome);
        assertTrue(
                failed.reason().startsWith("`sh -c sleep 30 & sleep 31; wait` did not finish: killed after 1.6s ("),
                failed.reason());
    }

    @Test
    void aProgramThatIsNotInstalledCannotStart() {
        ActionOutcome outcome = run(Map.of("argv", List.of("no-such-program-xyz", "logs")), Map.of());
        assertTrue(
                assertInstanceOf(ActionOutcome.Failed.class, outcome)
                        .reason()
                        .startsWith("`no-such-program-xyz logs` could not start: "),
                outcome.toString());
    }

    @Test
    void aPreviewOfABrokenTemplateNamesIt() {
        ActionException e = assertThrows(
                ActionException.class,
                () -> executor.preview(
                        request(Map.of("argv", List.of("echo", "{{ params.pod }}")), Map.of(), Duration.ofSeconds(5))));
        assertTrue(e.getMessage().startsWith("argv[1]: "), e.getMessage());
    }
}
