package dev.runbookbot.process;

import dev.runbookbot.secrets.Secret;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One command to run: an argv list (never a shell string), extra environment, stdin, a timeout and an output cap.
 *
 * <p>{@code argv} is passed to the kernel element by element, exactly as given: no shell, no quoting, no trimming, no
 * {@code ${}} expansion. {@code argv[0]} is looked up in the runner's configured {@code PATH} only. Secrets go in
 * {@code secretEnvironment} or a {@link StandardInput.SecretText} stdin, never in argv (argv is visible to every local
 * user in {@code /proc/<pid>/cmdline}).
 *
 * @param argv the program and its arguments
 * @param environment variables added to the runner's base environment ({@code PATH} is fixed by configuration and
 *     cannot be set here)
 * @param secretEnvironment variables whose values are secrets; they reach the child and nothing else
 * @param stdin what the child reads on stdin
 * @param timeout how long the process tree may run before it is killed
 * @param maxOutputBytes how many bytes of stdout, and separately of stderr, are kept: the first half and the last
 *     half of the stream; the bytes in between are counted, not kept
 * @param sandbox what the command asks of its sandbox (network, mounts, image)
 */
public record ProcessSpec(
        List<String> argv,
        Map<String, String> environment,
        Map<String, Secret> secretEnvironment,
        StandardInput stdin,
        Duration timeout,
        int maxOutputBytes,
        SandboxRequest sandbox) {

    /** The output cap used by {@link #of}: 64 KiB per stream. */
    public static final int DEFAULT_MAX_OUTPUT_BYTES = 64 * 1024;

    /** The largest output cap a spec may ask for, per stream. */
    public static final int MAX_OUTPUT_BYTES_LIMIT = 16 * 1024 * 1024;

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** A command that asks nothing particular of its sandbox. */
    public ProcessSpec(
            List<String> argv,
            Map<String, String> environment,
            Map<String, Secret> secretEnvironment,
            StandardInput stdin,
            Duration timeout,
            int maxOutputBytes) {
        this(argv, environment, secretEnvironment, stdin, timeout, maxOutputBytes, SandboxRequest.DEFAULT);
    }

    public ProcessSpec {
        Objects.requireNonNull(sandbox, "sandbox");
        argv = List.copyOf(argv);
        environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        secretEnvironment = Collections.unmodifiableMap(new LinkedHashMap<>(secretEnvironment));
        Objects.requireNonNull(stdin, "stdin");
        Objects.requireNonNull(timeout, "timeout");
        if (argv.isEmpty() || argv.get(0).isEmpty()) {
            throw new IllegalArgumentException("argv needs a program as its first element");
        }
        for (String arg : argv) {
            if (arg.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("an argv element contains a NUL character");
            }
        }
        checkNames(environment.keySet());
        checkNames(secretEnvironment.keySet());
        for (String name : environment.keySet()) {
            if (secretEnvironment.containsKey(name)) {
                throw new IllegalArgumentException("environment variable " + name + " is set twice");
            }
        }
        for (String value : environment.values()) {
            if (value.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("an environment value contains a NUL character");
            }
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        if (maxOutputBytes < 2 || maxOutputBytes > MAX_OUTPUT_BYTES_LIMIT) {
            throw new IllegalArgumentException(
                    "maxOutputBytes must be between 2 and " + MAX_OUTPUT_BYTES_LIMIT + ", was " + maxOutputBytes);
        }
    }

    private static void checkNames(Iterable<String> names) {
        for (String name : names) {
            if (!ENV_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("'" + name + "' is not a valid environment variable name");
            }
            if (name.equals("PATH")) {
                throw new IllegalArgumentException("PATH is fixed by configuration and cannot be set per command");
            }
        }
    }

    /** {@code argv} with no extra environment, stdin closed, and the default output cap. */
    public static ProcessSpec of(List<String> argv, Duration timeout) {
        return new ProcessSpec(argv, Map.of(), Map.of(), StandardInput.closed(), timeout, DEFAULT_MAX_OUTPUT_BYTES);
    }

    public ProcessSpec withEnvironment(Map<String, String> variables) {
        return new ProcessSpec(argv, variables, secretEnvironment, stdin, timeout, maxOutputBytes, sandbox);
    }

    public ProcessSpec withSecretEnvironment(Map<String, Secret> variables) {
        return new ProcessSpec(argv, environment, variables, stdin, timeout, maxOutputBytes, sandbox);
    }

    public ProcessSpec withStdin(StandardInput input) {
        return new ProcessSpec(argv, environment, secretEnvironment, input, timeout, maxOutputBytes, sandbox);
    }

    public ProcessSpec withMaxOutputBytes(int bytes) {
        return new ProcessSpec(argv, environment, secretEnvironment, stdin, timeout, bytes, sandbox);
    }

    public ProcessSpec withSandbox(SandboxRequest request) {
        return new ProcessSpec(argv, environment, secretEnvironment, stdin, timeout, maxOutputBytes, request);
    }
}
