package dev.runbookbot.datasource;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The statement scanner: what counts as syntax, and what hides inside strings, identifiers and comments. */
class SqlTextTest {
    @Test
    void wordsOutsideStringsCommentsAndIdentifiers() {
        SqlText scan = SqlText.scan("select pg_terminate_backend(pid) -- returning\n FROM \"RETURNING\" /* delete */"
                + " WHERE x = 'update ; ?' AND y = E'it\\'s' AND z = $q$ insert; $q$ AND n = $1");
        assertEquals("select", scan.firstWord());
        assertEquals(
                List.of(
                        "SELECT",
                        "PG_TERMINATE_BACKEND",
                        "PID",
                        "FROM",
                        "WHERE",
                        "X",
                        "AND",
                        "Y",
                        "AND",
                        "Z",
                        "AND",
                        "N"),
                scan.words());
        assertEquals(-1, scan.statementEnd());
        assertEquals(-1, scan.bareQuestionMark());
    }

    @Test
    void aSecondStatementAndABareQuestionMarkAreFound() {
        assertEquals(8, SqlText.scan("SELECT 1; DROP TABLE orders").statementEnd());
        assertEquals(-1, SqlText.scan("SELECT 1;  -- done\n").statementEnd(), "a trailing ';' is fine");
        assertEquals(24, SqlText.scan("SELECT * FROM t WHERE a ? 'k'").bareQuestionMark());
        assertEquals(-1, SqlText.scan("SELECT * FROM t WHERE a ?? 'k'").bareQuestionMark());
    }

    @Test
    void anEmptyStatementHasNoFirstWord() {
        assertEquals("", SqlText.scan("  -- nothing\n /* at all */ ").firstWord());
        assertEquals(List.of(), SqlText.scan("").words());
    }
}
