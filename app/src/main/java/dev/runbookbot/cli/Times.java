package dev.runbookbot.cli;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How the CLI prints instants: UTC, to the second, the same in every table and timeline. */
final class Times {
    private static final DateTimeFormatter UTC =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private Times() {}

    static String utc(Instant instant) {
        return UTC.format(instant);
    }
}
