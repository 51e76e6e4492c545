package dev.runbookbot.runbook;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as runbooks write them: a number of seconds ({@code 10}, {@code 2.5}) or Go/Prometheus-style text with
 * units {@code ms}, {@code s}, {@code m}, {@code h} ({@code "10s"}, {@code "2m"}, {@code "1m30s"}).
 */
public final class DurationText {
    private static final Pattern WHOLE = Pattern.compile("(?:[0-9]+(?:\\.[0-9]+)?(?:ms|s|m|h))+");
    private static final Pattern PART = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ms|s|m|h)");
    private static final Pattern SECONDS = Pattern.compile("-?[0-9]+(?:\\.[0-9]+)?");

    private DurationText() {}

    /** Parses text; empty when it is not a duration. Negative numbers parse (lint reports them). */
    public static Optional<Duration> parse(String text) {
        String t = text.strip();
        if (SECONDS.matcher(t).matches()) {
            return Optional.of(seconds(Double.parseDouble(t)));
        }
        if (!WHOLE.matcher(t).matches()) {
            return Optional.empty();
        }
        Duration total = Duration.ZERO;
        Matcher m = PART.matcher(t);
        while (m.find()) {
            double amount = Double.parseDouble(m.group(1));
            long millis =
                    switch (m.group(2)) {
                        case "ms" -> Math.round(amount);
                        case "s" -> Math.round(amount * 1_000);
                        case "m" -> Math.round(amount * 60_000);
                        default -> Math.round(amount * 3_600_000);
                    };
            total = total.plusMillis(millis);
        }
        return Optional.of(total);
    }

    /** A number of seconds as a duration, to the millisecond. */
    public static Duration seconds(double seconds) {
        return Duration.ofMillis(Math.round(seconds * 1_000));
    }

    /** Short text for messages: {@code 30s}, {@code 2m}, {@code 1h30m}, {@code 500ms}. */
    public static String format(Duration duration) {
        if (duration.isNegative()) {
            return "-" + format(duration.negated());
        }
        if (duration.isZero()) {
            return "0s";
        }
        long millis = duration.toMillis();
        if (millis % 1_000 != 0) {
            return millis + "ms";
        }
        long seconds = millis / 1_000;
        StringBuilder sb = new StringBuilder();
        if (seconds >= 3_600) {
            sb.append(seconds / 3_600).append('h');
            seconds %= 3_600;
        }
        if (seconds >= 60) {
            sb.append(seconds / 60).append('m');
            seconds %= 60;
        }
        if (seconds > 0) {
            sb.append(seconds).append('s');
        }
        return sb.toString();
    }
}
