package dev.runbookbot.testing;

import dev.runbookbot.incident.IncidentStore;
import dev.runbookbot.incident.IncidentStoreContract;

class InMemoryIncidentStoreTest extends IncidentStoreContract {
    @Override
    protected IncidentStore newStore(ManualClock clock) {
        return new InMemoryIncidentStore(clock);
    }
}
