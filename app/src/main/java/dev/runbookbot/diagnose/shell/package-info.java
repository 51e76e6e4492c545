/**
 * The {@code shell_command} diagnostic: a program the runbook names, run with an argv list through
 * {@link dev.runbookbot.process.ProcessRunner}, read through its exit code, output and named regular expressions.
 *
 * <p>There is no shell string. A runbook author who needs a pipeline writes {@code argv: [sh, -c, "..."]} with a
 * literal script, and hands templated values over as positional parameters ({@code "$1"}) or environment variables, so
 * alert data never becomes code. Validation enforces that: it rejects a templated program ({@code argv[0]}), a template
 * right after an interpreter's code flag ({@code sh -c}, {@code python -c}, {@code node --eval}, {@code pwsh
 * -Command}, {@code cmd /c}, {@code su -c}, wherever they stand in argv), a templated awk, sed or jq program, a
 * template in the command line {@code ssh} or {@code watch} hands to a shell, templated stdin for an interpreter that
 * reads its program from stdin, and templated variables that steer what a program loads ({@code LD_PRELOAD},
 * {@code BASH_ENV}, {@code PYTHONPATH}, ...). The seed's {@code command:} key is refused with the exact {@code argv:}
 * rewrite as the hint. At run time a value that would start an argv element with {@code -} (argument injection such
 * as {@code -oProxyCommand=...}) is refused unless a literal {@code --} precedes it.
 *
 * <p>The executor decides nothing about health: exit code, output, lines and matches are facts for the runbook's
 * interpret conditions. A timeout kills the whole process tree and is reported as a failure with what was killed.
 * This package is an adapter over the shared {@code process} package.
 */
package dev.runbookbot.diagnose.shell;
