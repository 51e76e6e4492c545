package dev.runbookbot.runbook;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one load of the runbook directory changed: runbook ids added, changed (another version) and removed, every
 * file refused now, and which of those are refused for the first time in this version (to be announced once). A load
 * that could not be applied at all ({@code failure}, for example a directory without runbook files) changed nothing.
 */
public record CatalogReload(
        List<String> added,
        List<String> changed,
        List<String> removed,
        List<RefusedRunbook> refused,
        List<RefusedRunbook> newlyRefused,
        Optional<String> failure) {
    public CatalogReload {
        Objects.requireNonNull(failure, "failure");
        added = List.copyOf(added);
        changed = List.copyOf(changed);
        removed = List.copyOf(removed);
        refused = List.copyOf(refused);
        newlyRefused = List.copyOf(newlyRefused);
    }

    /** A load that changed nothing, and why. */
    public static CatalogReload failed(String reason, List<RefusedRunbook> stillRefused) {
        return new CatalogReload(List.of(), List.of(), List.of(), stillRefused, List.of(), Optional.of(reason));
    }

    /** {@code ok} when every file loaded, {@code invalid} when one was refused, {@code failed} when none applied. */
    public String result() {
        return failure.isPresent() ? "failed" : refused.isEmpty() ? "ok" : "invalid";
    }

    /** One line for the log and for the person who asked: what changed and how many files were refused. */
    public String summary() {
        if (failure.isPresent()) {
            return "nothing changed: " + failure.get();
        }
        StringBuilder text = new StringBuilder();
        append(text, "added", added);
        append(text, "changed", changed);
        append(text, "removed", removed);
        if (text.isEmpty()) {
            text.append("no runbook changed");
        }
        if (!refused.isEmpty()) {
            text.append("; ")
                    .append(refused.size())
                    .append(refused.size() == 1 ? " file refused" : " files refused")
                    .append(" (first: ")
                    .append(refused.get(0).firstError())
                    .append(")");
        }
        return text.toString();
    }

    private static void append(StringBuilder text, String what, List<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        if (!text.isEmpty()) {
            text.append("; ");
        }
        text.append(what).append(' ').append(String.join(", ", ids));
    }
}
