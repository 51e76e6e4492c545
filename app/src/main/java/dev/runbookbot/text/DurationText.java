package dev.runbookbot.text;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as runbooks write them and people read them: a number of seconds ({@code 10}, {@code 2.5}) or
 * Prometheus-style text ({@code 500ms}, {@code 15m}, {@code 1h30m}), and back to the short form for messages.
 */
public final class DurationText {
    private static final Pattern PART = Pattern.compile("([0-9]+)(ms|s|m|h|d)");

    private DurationText() {}

    /** Parses a number of seconds or text such as {@code 1h30m}; empty when {@code value} is neither. */
    public static Optional<Duration> parse(Object value) {
        if (value instanceof Number n) {
            double seconds = n.doubleValue();
            if (Double.isNaN(seconds) || Double.isInfinite(seconds) || Math.abs(seconds) > 1e9) {
                return Optional.empty();
            }
            return Optional.of(Duration.ofMillis(Math.round(seconds * 1000)));
        }
        String text = String.valueOf(value).strip();
        if (text.matches("[0-9]{1,9}(\\.[0-9]{1,9})?")) {
            return parse(Double.parseDouble(text));
        }
        Matcher m = PART.matcher(text);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find()) {
            if (m.start() != end || m.group(1).length() > 9) {
                return Optional.empty();
            }
            long amount = Long.parseLong(m.group(1));
            total = total.plus(
                    switch (m.group(2)) {
                        case "ms" -> Duration.ofMillis(amount);
                        case "s" -> Duration.ofSeconds(amount);
                        case "m" -> Duration.ofMinutes(amount);
                        case "h" -> Duration.ofHours(amount);
                        default -> Duration.ofDays(amount);
                    });
            end = m.end();
        }
        return end == text.length() && end > 0 ? Optional.of(total) : Optional.empty();
    }

    /** The short form: {@code 5s}, {@code 250ms}, {@code 1m30s}, {@code 2h}. */
    public static String format(Duration duration) {
        if (duration.isNegative()) {
            return "-" + format(duration.negated());
        }
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + "ms";
        }
        StringBuilder sb = new StringBuilder();
        long hours = duration.toHours();
        int minutes = duration.toMinutesPart();
        int seconds = duration.toSecondsPart();
        int rest = duration.toMillisPart();
        if (hours > 0) {
            sb.append(hours).append('h');
        }
        if (minutes > 0) {
            sb.append(minutes).append('m');
        }
        if (seconds > 0 || rest > 0) {
            sb.append(seconds);
            if (rest > 0 && hours == 0 && minutes == 0) {
                sb.append('.')
                        .append(String.format(java.util.Locale.ROOT, "%03d", rest)
                                .replaceAll("0+$", ""));
            }
            sb.append('s');
        }
        return sb.toString();
    }
}
