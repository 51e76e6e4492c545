package dev.runbookbot.slack.render;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Instants as people in an incident channel read them: UTC to the second, for example {@code 2025-03-01 03:00:05 UTC}. */
public final class UtcTime {
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private UtcTime() {}

    public static String of(Instant instant) {
        return FORMAT.format(instant);
    }
}
