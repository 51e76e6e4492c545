package dev.runbookbot.runbook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClosestNamesTest {
    private static final List<String> KEYS = List.of("id", "name", "requiresApproval", "safety", "expect");

    @Test
    void countsTranspositionsAsOneEdit() {
        assertEquals(1, ClosestNames.distance("saftey", "safety"));
        assertEquals(1, ClosestNames.distance("requireApproval", "requiresApproval"));
        assertEquals(3, ClosestNames.distance("kitten", "sitting"));
        assertEquals(0, ClosestNames.distance("", ""));
        assertEquals(4, ClosestNames.distance("", "name"));
    }

    @Test
    void findsTyposAndOtherSpellingsOfTheSameName() {
        assertEquals(Optional.of("requiresApproval"), ClosestNames.best("requireApproval", KEYS));
        assertEquals(Optional.of("requiresApproval"), ClosestNames.best("requires_approval", KEYS));
        assertEquals(Optional.of("requiresApproval"), ClosestNames.best("RequiresApproval", KEYS));
        assertEquals(Optional.of("safety"), ClosestNames.best("saftey", KEYS));
        assertEquals(Optional.of("name"), ClosestNames.best("nmae", KEYS));
    }

    @Test
    void suggestsNothingForUnrelatedOrVeryShortNames() {
        assertEquals(Optional.empty(), ClosestNames.best("owner", KEYS));
        assertEquals(Optional.empty(), ClosestNames.best("ix", KEYS));
        assertEquals(Optional.empty(), ClosestNames.best("P5", List.of("P1", "P2")));
        assertEquals(Optional.of("P1"), ClosestNames.best("p1", List.of("P1", "P2")));
        assertEquals(
                Optional.empty(),
                ClosestNames.best("scale_db_connections", List.of("kill_idle_connections", "restart_pods")));
    }

    @Test
    void ranksClosestFirstAndKeepsCandidateOrderForTies() {
        assertEquals(
                List.of("check_db", "check_dbs", "check_dns"),
                ClosestNames.closest("check_db", List.of("check_dns", "check_db", "check_dbs", "other"), 3));
        assertEquals(
                List.of("check_dbx", "check_dby"),
                ClosestNames.closest("check_db", List.of("check_dbx", "check_dby"), 3));
        assertEquals(
                List.of("check_dby", "check_dbx"),
                ClosestNames.closest("check_db", List.of("check_dby", "check_dbx"), 3));
        assertEquals(List.of("check_db"), ClosestNames.closest("check_db", List.of("check_dns", "check_db"), 1));
    }
}
