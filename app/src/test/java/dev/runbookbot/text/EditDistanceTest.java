package dev.runbookbot.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class EditDistanceTest {
    @Test
    void countsInsertionsDeletionsAndSubstitutions() {
        assertEquals(3, EditDistance.between("kitten", "sitting"));
        assertEquals(4, EditDistance.between("", "name"));
        assertEquals(4, EditDistance.between("name", ""));
        assertEquals(0, EditDistance.between("", ""));
        assertEquals(0, EditDistance.between("same", "same"));
    }

    @Test
    void aSwapOfNeighboursCostsOne() {
        assertEquals(1, EditDistance.between("saftey", "safety"));
        assertEquals(1, EditDistance.between("ab", "ba"));
    }

    @Test
    void isCaseSensitive() {
        assertEquals(1, EditDistance.between("Name", "name"));
    }
}
