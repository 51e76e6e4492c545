package dev.runbookbot.slack.render;

import com.slack.api.model.block.LayoutBlock;
import dev.runbookbot.incident.Incident;
import dev.runbookbot.remediate.RemediationRun;
import dev.runbookbot.runbook.RunbookSpec;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The bot's Home tab: open incidents (state, severity, service, where their thread is), recent remediation runs with
 * their outcome, and the runbook catalog with the command that runs each. At most 100 blocks: when there is more, the
 * tail is left out with a pointer to {@code runbookctl incidents}.
 */
public final class HomeTab {
    private HomeTab() {}

    /**
     * @param open open incidents, newest first
     * @param recentRuns recent runs, newest first, each with its incident
     * @param catalog the runbooks, by id
     */
    public static List<LayoutBlock> render(
            List<Incident> open, Map<RemediationRun, Incident> recentRuns, List<RunbookSpec> catalog) {
        MessageBuilder home = MessageBuilder.surface("runbookctl incidents");
        home.header("Open incidents");
        if (open.isEmpty()) {
            home.mrkdwnSection("No open incidents. :tada:");
        }
        for (Incident incident : open) {
            home.mrkdwnSection(StatusMarks.of(incident.state()) + " *" + incident.id() + "* "
                    + Mrkdwn.escape(incident.title()) + "\n" + StatusMarks.words(incident.state()) + " · "
                    + incident.severity() + " · " + Mrkdwn.escape(incident.service()) + " · "
                    + Mrkdwn.escape(incident.environment()) + " · opened " + UtcTime.of(incident.createdAt())
                    + incident.thread().map(t -> " in " + channel(t.channel())).orElse("")
                    + incident.acknowledgement()
                            .map(a -> " · on it: " + ActorText.of(a.by()))
                            .orElse(""));
        }
        home.divider();
        home.header("Recent runs");
        if (recentRuns.isEmpty()) {
            home.mrkdwnSection("No remediation has been proposed yet.");
        }
        for (Map.Entry<RemediationRun, Incident> entry : recentRuns.entrySet()) {
            RemediationRun run = entry.getKey();
            home.mrkdwnSection(StatusMarks.of(run.state()) + " " + Mrkdwn.inlineCode(run.remediationId()) + " ("
                    + run.id() + ") for *" + entry.getValue().id() + "*: " + StatusMarks.words(run.state()) + " at "
                    + UtcTime.of(run.lastTransition().at()) + " by "
                    + ActorText.of(run.lastTransition().actor()));
        }
        home.divider();
        home.header("Runbooks");
        for (RunbookSpec runbook : catalog) {
            String tags = runbook.tags().stream().map(Mrkdwn::escape).collect(Collectors.joining(", "));
            home.mrkdwnSection("*" + Mrkdwn.escape(runbook.name()) + "* · " + runbook.severity() + " · "
                    + Mrkdwn.escape(runbook.service()) + "\n" + Mrkdwn.escape(runbook.description()) + "\n"
                    + Mrkdwn.inlineCode("/runbook run " + runbook.id()) + (tags.isEmpty() ? "" : " · " + tags));
        }
        return home.buildBlocks();
    }

    private static String channel(String channelId) {
        try {
            return Mrkdwn.channel(channelId);
        } catch (IllegalArgumentException e) {
            return Mrkdwn.escape(channelId);
        }
    }
}
