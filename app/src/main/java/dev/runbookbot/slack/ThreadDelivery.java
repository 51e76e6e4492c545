package dev.runbookbot.slack;

import dev.runbookbot.audit.IncidentId;
import dev.runbookbot.incident.ChatPlacements;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * What an {@link IncidentThread} needs from its gateway to deliver its messages: the Web API and the edit coalescer,
 * where to report placements, the {@code slack-delivery} executor its pump runs on, the timer for the next try and
 * its backoff, the diagnosis already recorded for an incident (to show it again in an adopted thread), and whom to
 * tell when a thread has delivered everything of an incident that is over (so that the gateway forgets it).
 */
record ThreadDelivery(
        SlackWebApi api,
        MessageUpdateCoalescer updates,
        ChatPlacements placements,
        Executor sender,
        ScheduledExecutorService timer,
        DeliveryBackoff backoff,
        Function<IncidentId, List<String>> recordedDiagnosis,
        BiConsumer<IncidentId, IncidentThread> settled) {}
