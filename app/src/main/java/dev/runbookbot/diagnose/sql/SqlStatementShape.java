package dev.runbookbot.diagnose.sql;

import dev.runbookbot.datasource.SqlText;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Checks the shape of a diagnostic query before it reaches a database: one statement, starting with a read keyword,
 * with no bare {@code ?}. This is about clear errors at load time, not about safety: the read-only session is what
 * stops writes. The text is read by {@link SqlText}, which skips strings, quoted identifiers, comments and dollar
 * quoting, so a {@code ;} or {@code ?} inside any of them is not mistaken for syntax.
 */
final class SqlStatementShape {
    static final Set<String> READ_KEYWORDS = Set.of("SELECT", "WITH", "VALUES", "TABLE", "SHOW", "EXPLAIN");

    /** What is wrong with a query's shape, with a hint; empty when the shape is fine. */
    record Problem(String message, String hint) {}

    private SqlStatementShape() {}

    static Optional<Problem> check(String sql) {
        SqlText scan = SqlText.scan(sql);
        String first = scan.firstWord();
        if (first.isEmpty()) {
            return Optional.of(new Problem("query is empty", "query: SELECT count(*) FROM orders"));
        }
        if (!READ_KEYWORDS.contains(first.toUpperCase(Locale.ROOT))) {
            return Optional.of(new Problem(
                    "database_query runs read statements only (SELECT, WITH, VALUES, TABLE, SHOW, EXPLAIN); this"
                            + " query starts with " + first.toUpperCase(Locale.ROOT),
                    "diagnostics never write; a change to data belongs in a remediation"));
        }
        if (scan.statementEnd() >= 0) {
            return Optional.of(new Problem(
                    "query must be a single statement; more follows the ';' at offset " + scan.statementEnd(),
                    "run one query per diagnostic, or combine them with WITH or UNION ALL"));
        }
        if (scan.bareQuestionMark() >= 0) {
            return Optional.of(new Problem(
                    "query has a bare '?' at offset " + scan.bareQuestionMark()
                            + "; values go in as {{ params.<name> }} or {{ labels.<name> }}, each bound as a parameter",
                    "write PostgreSQL's ?, ?| and ?& operators as ??, ??| and ??&"));
        }
        return Optional.empty();
    }
}
