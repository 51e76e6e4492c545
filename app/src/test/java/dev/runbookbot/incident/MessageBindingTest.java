package dev.runbookbot.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runbookbot.audit.ChatLocation;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MessageBindingTest {
    private static final ChatLocation SHOWN = new ChatLocation("C1", "100.1");

    @Test
    void aClickOnTheMessageItselfActs() {
        assertEquals(
                Optional.empty(), MessageBinding.refusal(new ChatLocation("C1", "100.1"), Optional.of(SHOWN), "x"));
    }

    @Test
    void aClickOnAnotherMessageOfTheSameChannelActsOnNothing() {
        assertEquals(
                Optional.of("this button was clicked on message 200.2, but restart (run-7) is shown on message 100.1;"
                        + " a button acts only on the message it is on, so nothing was done"),
                MessageBinding.refusal(new ChatLocation("C1", "200.2"), Optional.of(SHOWN), "restart (run-7)"));
    }

    @Test
    void aClickInAnotherChannelActsOnNothingEvenWithTheSameTs() {
        assertEquals(
                Optional.of("this button was clicked in channel C2, but INC-3 is shown in C1; a button acts only on the"
                        + " message it is on, so nothing was done"),
                MessageBinding.refusal(new ChatLocation("C2", "100.1"), Optional.of(SHOWN), "INC-3"));
    }

    @Test
    void somethingWithNoRecordedMessageTakesNoClicks() {
        assertEquals(
                Optional.of("this button is not on a message of INC-3 (it has no message recorded); nothing was done"),
                MessageBinding.refusal(new ChatLocation("C1", "100.1"), Optional.empty(), "INC-3"));
    }
}
