package dev.runbookbot.diagnose.prometheus;

import dev.runbookbot.diagnose.Outcome;
import dev.runbookbot.expr.ValueType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a query result into the facts interpret conditions see, plus evidence and details. The facts and their meaning
 * (see {@link #TYPES}) are the contract with runbook authors:
 *
 * <ul>
 *   <li>{@code result_type}: {@code vector}, {@code scalar}, {@code matrix} or {@code string}.
 *   <li>{@code empty}: no series at all (an empty vector or matrix). Never read as 0: {@code value} is NaN and
 *       {@code has_value} false.
 *   <li>{@code count}: the number of samples (series); a scalar counts as 1, a string as 0.
 *   <li>{@code has_value} and {@code value}: {@code value} is the scalar, or the single sample when there is exactly
 *       one. With zero or several samples there is no single value: {@code has_value} is false and {@code value} NaN,
 *       so a condition like {@code value > 90} holds for none of them and the step reads {@code unknown} instead of
 *       picking one series at random. Write conditions over {@code samples}, {@code min} or {@code max} for vectors.
 *   <li>{@code is_nan}, {@code is_inf}: at least one sample is NaN, or +Inf/-Inf.
 *   <li>{@code finite_count}, {@code min}, {@code max}, {@code sum}, {@code avg}: over the finite sample values only;
 *       min/max/sum/avg are NaN when there is none.
 *   <li>{@code samples}: every sample as {@code {labels: {name: value}, value: double, values: [double]}}; for a
 *       matrix {@code value} is the newest point and {@code values} every point, oldest first.
 *   <li>{@code string_value}: the text of a {@code string} result, otherwise empty.
 *   <li>{@code queries}: for a step with named {@code queries}, each name's own facts (the keys above); empty
 *       otherwise. A step with only named queries has no other fact.
 * </ul>
 */
final class QueryFacts {
    static final Map<String, ValueType> TYPES = types();

    /** How many series the details list before saying how many more there are. */
    static final int MAX_DETAILS = 20;

    private QueryFacts() {}

    private static Map<String, ValueType> types() {
        Map<String, ValueType> t = new LinkedHashMap<>();
        t.put("result_type", ValueType.STRING);
        t.put("empty", ValueType.BOOL);
        t.put("count", ValueType.INT);
        t.put("has_value", ValueType.BOOL);
        t.put("value", ValueType.DOUBLE);
        t.put("is_nan", ValueType.BOOL);
        t.put("is_inf", ValueType.BOOL);
        t.put("finite_count", ValueType.INT);
        t.put("min", ValueType.DOUBLE);
        t.put("max", ValueType.DOUBLE);
        t.put("sum", ValueType.DOUBLE);
        t.put("avg", ValueType.DOUBLE);
        t.put("samples", ValueType.MAP_LIST);
        t.put("string_value", ValueType.STRING);
        t.put(NamedQueryFacts.QUERIES, ValueType.MAP);
        return java.util.Collections.unmodifiableMap(t);
    }

    static Outcome.Observed observe(QueryResult result) {
        List<Sample> samples = result.samples();
        boolean isString = result.resultType().equals("string");
        boolean single = samples.size() == 1;
        double value = single ? samples.get(0).value() : Double.NaN;
        long finite = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        boolean nan = false;
        boolean inf = false;
        List<Map<String, Object>> sampleFacts = new ArrayList<>();
        for (Sample s : samples) {
            double v = s.value();
            nan |= Double.isNaN(v);
            inf |= Double.isInfinite(v);
            if (Double.isFinite(v)) {
                finite++;
                min = Math.min(min, v);
                max = Math.max(max, v);
                sum += v;
            }
            Map<String, Object> fact = new LinkedHashMap<>();
            fact.put("labels", s.labels());
            fact.put("value", v);
            fact.put("values", s.values());
            sampleFacts.add(java.util.Collections.unmodifiableMap(fact));
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("result_type", result.resultType());
        facts.put("empty", samples.isEmpty() && !isString);
        facts.put("count", (long) samples.size());
        facts.put("has_value", single);
        facts.put("value", value);
        facts.put("is_nan", nan);
        facts.put("is_inf", inf);
        facts.put("finite_count", finite);
        facts.put("min", finite == 0 ? Double.NaN : min);
        facts.put("max", finite == 0 ? Double.NaN : max);
        facts.put("sum", finite == 0 ? Double.NaN : sum);
        facts.put("avg", finite == 0 ? Double.NaN : sum / finite);
        facts.put("samples", List.copyOf(sampleFacts));
        facts.put("string_value", result.text());
        facts.put(NamedQueryFacts.QUERIES, Map.of());
        return Outcome.observed(facts, evidence(result, finite, min, max, sum), details(result));
    }

    private static String evidence(QueryResult result, long finite, double min, double max, double sum) {
        List<Sample> samples = result.samples();
        switch (result.resultType()) {
            case "string":
                return "string result " + Sample.quote(result.text());
            case "scalar":
                return "scalar " + Sample.format(samples.get(0).value());
            default:
                break;
        }
        if (samples.isEmpty()) {
            return "no series matched (empty " + result.resultType() + "): there is no value to compare";
        }
        if (samples.size() <= 3) {
            List<String> parts = new ArrayList<>();
            for (Sample s : samples) {
                parts.add(s.series() + " = " + Sample.format(s.value()));
            }
            return (samples.size() == 1 ? "" : samples.size() + " series: ") + String.join("; ", parts);
        }
        StringBuilder sb = new StringBuilder().append(samples.size()).append(" series");
        if (finite > 0) {
            sb.append(": min ").append(Sample.format(min));
            sb.append(", max ").append(Sample.format(max));
            sb.append(", sum ").append(Sample.format(sum));
        }
        long nonFinite = samples.size() - finite;
        if (nonFinite > 0) {
            sb.append(finite > 0 ? "; " : ": ").append(nonFinite).append(" NaN or infinite");
        }
        return sb.toString();
    }

    private static List<String> details(QueryResult result) {
        List<String> lines = new ArrayList<>();
        for (String warning : result.warnings()) {
            lines.add("prometheus warning: " + warning.replaceAll("[\\r\\n]+", " "));
        }
        List<Sample> samples = result.samples();
        if (result.resultType().equals("scalar") || result.resultType().equals("string")) {
            return lines;
        }
        for (int i = 0; i < samples.size() && i < MAX_DETAILS; i++) {
            Sample s = samples.get(i);
            lines.add(s.series() + " = " + Sample.format(s.value()));
        }
        if (samples.size() > MAX_DETAILS) {
            lines.add("+" + (samples.size() - MAX_DETAILS) + " more series");
        }
        return lines;
    }
}
