package dev.runbookbot.runtime;

import dev.runbookbot.audit.ChatPost;
import dev.runbookbot.incident.ChatGateway;
import dev.runbookbot.runbook.CatalogReload;
import dev.runbookbot.runbook.Problem;
import dev.runbookbot.runbook.RefusedRunbook;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the fallback channel about a runbook file the catalog refused, once per version of the file (the catalog says
 * which refusals are new): its errors (file:line:col, at most {@value #ERRORS_SHOWN}) and what is served meanwhile.
 * Without a fallback channel the log is the only report.
 */
final class RefusedRunbookNotices {
    static final int ERRORS_SHOWN = 5;
    private static final Logger LOG = LoggerFactory.getLogger(RefusedRunbookNotices.class);

    private final ChatGateway chat;
    private final Optional<String> channel;

    RefusedRunbookNotices(ChatGateway chat, Optional<String> channel) {
        this.chat = Objects.requireNonNull(chat, "chat");
        this.channel = Objects.requireNonNull(channel, "channel");
    }

    void announce(CatalogReload reload) {
        if (channel.isEmpty()) {
            return;
        }
        for (RefusedRunbook refused : reload.newlyRefused()) {
            ChatPost post = chat.post(channel.get(), text(refused));
            if (!(post instanceof ChatPost.Posted)) {
                LOG.warn("could not tell {} that {} was refused: {}", channel.get(), refused.file(), post);
            }
        }
    }

    static String text(RefusedRunbook refused) {
        StringBuilder text = new StringBuilder("Runbook file ")
                .append(refused.file().getFileName())
                .append(" has ")
                .append(refused.errors().size())
                .append(refused.errors().size() == 1 ? " error" : " errors")
                .append(" and was not loaded; ")
                .append(refused.stillServed()
                        .map(r ->
                                "runbook " + r.id() + " keeps its previous version (" + shortVersion(r.version()) + ")")
                        .orElse("it is not served"))
                .append(". Check it with: runbookctl lint ")
                .append(refused.file());
        refused.errors().stream().limit(ERRORS_SHOWN).map(Problem::format).forEach(line -> text.append('\n')
                .append(line));
        if (refused.errors().size() > ERRORS_SHOWN) {
            text.append("\n+").append(refused.errors().size() - ERRORS_SHOWN).append(" more");
        }
        return text.toString();
    }

    private static String shortVersion(String version) {
        return version.length() > 12 ? version.substring(0, 12) : version;
    }
}
