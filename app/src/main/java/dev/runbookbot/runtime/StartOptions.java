package dev.runbookbot.runtime;

import dev.runbookbot.config.Settings;
import dev.runbookbot.incident.IncidentStore;
import dev.runbookbot.incident.Remediator;
import dev.runbookbot.slack.RateLimitPolicy;
import io.javalin.config.RoutesConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What a {@link BotRuntime} is built with ({@link BotRuntime.Builder}): the settings (with the sandbox as configured)
 * and how to have them with the sandbox tried (a run of a process, or nothing when they were given tried), the bot's
 * clock (the wall clock at start moved on by elapsed time) and the wall clock it reads the system time from, and the
 * choices in-process tests and {@code runbookctl bot} make.
 */
record StartOptions(
        Settings settings,
        Supplier<Settings> sandboxTried,
        ElapsedClock clock,
        Clock wallClock,
        Duration reapInterval,
        Optional<Function<IncidentStore, Remediator>> remediators,
        Duration chatUpdateInterval,
        RateLimitPolicy rateLimits,
        Map<String, String> environment,
        List<Consumer<RoutesConfig>> webPages,
        boolean reloadOnHangup) {}
