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

    /**
     * The preview as one text: the target on the first line, then each line. This is the form stored with a run when it
     * is proposed, and compared again before it runs ({@link UnchangedActionGuard}).
     */
    public String text() {
        StringBuilder text = new StringBuilder(target);
        for (String line : lines) {
            text.append('\n').append(line);
        }
        return text.toString();
    }
}
