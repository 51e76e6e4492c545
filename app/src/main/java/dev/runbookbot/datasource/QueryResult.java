package dev.runbookbot.datasource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows a query returned. Values are {@code Long}, {@code Double}, {@code String}, {@code Boolean} or
 * {@code null}: integers and whole decimals become {@code Long}, other numbers {@code Double}, dates and times ISO-8601
 * text, everything else its text form.
 *
 * @param columns column labels in order; a repeated label gets a suffix ({@code count}, {@code count_2})
 * @param rows one map per row, column label to value, in column order
 * @param truncated true when the query had more rows than the cap
 * @param duration how long the statement took, rows included
 */
public record QueryResult(List<String> columns, List<Map<String, Object>> rows, boolean truncated, Duration duration) {
    public QueryResult {
        columns = List.copyOf(columns);
        List<Map<String, Object>> copies = new ArrayList<>(rows.size());
        for (Map<String, Object> row : rows) {
            copies.add(Collections.unmodifiableMap(new LinkedHashMap<>(row))); // values may be null
        }
        rows = Collections.unmodifiableList(copies);
    }
}
