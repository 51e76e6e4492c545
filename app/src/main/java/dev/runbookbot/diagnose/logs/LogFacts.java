package dev.runbookbot.diagnose.logs;

import dev.runbookbot.diagnose.Outcome;
import dev.runbookbot.expr.ValueType;
import dev.runbookbot.text.DurationText;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The facts a {@code log_search} observation carries, the same for every source:
 *
 * <ul>
 *   <li>{@code source}: {@code loki}, {@code file} or {@code journald}.
 *   <li>{@code result_type}: {@code streams} for log lines; {@code matrix}, {@code vector} or {@code scalar} for a
 *       LogQL metric query.
 *   <li>{@code match_count}: matching log lines in the window. For a Loki log query it is the number of entries Loki
 *       returned, which Loki caps at {@code limit}: then {@code limit_reached} is true and the count is a lower bound
 *       (use a metric query such as {@code sum(count_over_time({...} |= "x" [15m]))} for an exact count). For a metric
 *       query it is {@code value} rounded.
 *   <li>{@code value}: for a metric query, the sum over series of each series' newest value (summing every point of a
 *       range would count overlapping windows many times); for log lines, {@code match_count}.
 *   <li>{@code lines}: the newest matching lines, newest first, at most {@code limit}, each at most
 *       {@value #MAX_LINE_CHARS} characters, control characters removed.
 *   <li>{@code streams}: Loki streams or series returned; files with a match; for journald 1 when anything matched.
 *   <li>{@code limit_reached}: see {@code match_count}.
 *   <li>{@code partial}: not everything in the window was read (a file longer than the tail the bot reads, or
 *       journalctl output beyond the cap), so counts are lower bounds.
 * </ul>
 */
final class LogFacts {
    static final int MAX_LINE_CHARS = 500;
    static final Map<String, ValueType> TYPES = types();

    private LogFacts() {}

    private static Map<String, ValueType> types() {
        Map<String, ValueType> t = new LinkedHashMap<>();
        t.put("source", ValueType.STRING);
        t.put("result_type", ValueType.STRING);
        t.put("match_count", ValueType.INT);
        t.put("value", ValueType.DOUBLE);
        t.put("lines", ValueType.STRING_LIST);
        t.put("streams", ValueType.INT);
        t.put("limit_reached", ValueType.BOOL);
        t.put("partial", ValueType.BOOL);
        return java.util.Collections.unmodifiableMap(t);
    }

    static Outcome.Observed observe(LogMatches m, Duration window) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("source", m.source());
        facts.put("result_type", m.resultType());
        facts.put("match_count", m.matchCount());
        facts.put("value", m.value());
        facts.put("lines", m.lines());
        facts.put("streams", m.streams());
        facts.put("limit_reached", m.limitReached());
        facts.put("partial", m.partial());
        String in = " in the last " + DurationText.format(window) + " (" + m.source() + ")";
        String evidence;
        if (!m.resultType().equals("streams")) {
            evidence = "metric query value " + format(m.value()) + " over " + m.streams() + " series" + in;
        } else if (m.matchCount() == 0) {
            evidence = "no matching log lines" + in + (m.partial() ? "; only part of the window was read" : "");
        } else {
            evidence = (m.limitReached() ? "at least " : "") + m.matchCount() + " matching log line"
                    + (m.matchCount() == 1 ? "" : "s") + in
                    + (m.partial() ? ", only part of the window read" : "")
                    + "; newest: " + m.lines().get(0);
        }
        return Outcome.observed(facts, evidence, m.details());
    }

    /** A line made safe to show: control characters (CR/LF included) become spaces, long lines are cut. */
    static String clean(String line) {
        StringBuilder sb = new StringBuilder(Math.min(line.length(), MAX_LINE_CHARS + 1));
        for (int i = 0; i < line.length() && sb.length() <= MAX_LINE_CHARS; i++) {
            char c = line.charAt(i);
            sb.append(Character.isISOControl(c) ? ' ' : c);
        }
        String text = sb.toString().strip();
        return text.length() > MAX_LINE_CHARS ? text.substring(0, MAX_LINE_CHARS) + "..." : text;
    }

    static String format(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }
}
