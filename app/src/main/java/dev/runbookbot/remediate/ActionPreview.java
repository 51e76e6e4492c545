package dev.runbookbot.remediate;

import java.util.List;

/**
 * Exactly what an action would do, for the approver and for {@code --dry-run}: the {@code target} (cluster/namespace/
 * deployment, Redis database, data source, URL) and the rendered {@code lines} (command, request, statement). Secret
 * values never appear: they are shown as {@code <secret:NAME>}.
 */
public record ActionPreview(String target, List<String> lines) {
    public ActionPreview {
        lines = List.copyOf(lines);
    }
}
