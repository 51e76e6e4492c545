package dev.runbookbot.incident.intake;

import dev.runbookbot.audit.NonBlank;
import java.util.List;

/** A stored delivery read again: its alerts, or why it cannot be read (a body stored by another version of the bot). */
public sealed interface DecodedDelivery {
    record Alerts(List<AlertEvent> events) implements DecodedDelivery {
        public Alerts {
            events = List.copyOf(events);
        }
    }

    record Unreadable(String reason) implements DecodedDelivery {
        public Unreadable {
            NonBlank.require(reason, "reason");
        }
    }
}
