/**
 * The one way runbook-bot starts a program: {@link dev.runbookbot.process.ProcessRunner} runs an argv list (never a
 * shell string) through Apache commons-exec, with a fixed working directory, a clean environment whose {@code PATH}
 * comes from configuration, and secrets passed through the environment or stdin rather than argv. The
 * {@code shell_command} diagnostic and the {@code run_script} remediation use it, and share the rest of a command
 * step here too: {@link dev.runbookbot.process.CommandTemplate} (argv, env, secret_env and stdin rules and rendering),
 * {@link dev.runbookbot.process.ExitCodes} ({@code expect_exit}) and the time a process gets within a step
 * ({@link dev.runbookbot.process.ProcessRunnerSettings#processTimeoutWithin}).
 *
 * <p>Two failure modes of naive process handling are designed out. A timeout kills the whole process tree, not just
 * the direct child: the child starts in a session of its own via {@code setsid}, its descendants are listed before
 * anything is signalled, and every member gets SIGTERM, a grace period, then SIGKILL (commons-exec's
 * {@code ExecuteWatchdog} would stop at the child and leave {@code sh -c 'sleep 1000 &'} grandchildren running). And
 * output is bounded: each stream keeps its first and last bytes up to a cap and only counts the rest, and the stream
 * pumps have a stop timeout, so neither a chatty program nor an escaped grandchild holding a pipe can exhaust memory or
 * block the caller. Every outcome, including "no such program", is a {@link dev.runbookbot.process.ProcessResult}.
 *
 * <p>Every run goes through a {@link dev.runbookbot.process.Sandbox} chosen by {@code sandbox.mode}: {@link
 * dev.runbookbot.process.BubblewrapSandbox} (read-only system directories, private scratch space, the bot's own files
 * hidden, its own PID and optionally network namespace, rlimits through {@code prlimit}, an unprivileged user when the
 * bot is root), {@link dev.runbookbot.process.PodmanSandbox} for steps that name a digest-pinned image, or {@link
 * dev.runbookbot.process.HostProcess} with {@code none}. A sandbox only rewrites the argv; the runner starts it like any
 * other command, so the tree kill, output caps and secret masking hold inside it. A run its limits stopped says which
 * ({@link dev.runbookbot.process.ProcessResult#limitReached()}); {@link dev.runbookbot.process.SandboxProbe} tries the
 * sandbox once at start-up. docs/sandbox.md says what a step can and cannot touch.
 *
 * <p>This package is an adapter: it imports commons-exec and the core {@code secrets} types, and no other adapter.
 */
package dev.runbookbot.process;
