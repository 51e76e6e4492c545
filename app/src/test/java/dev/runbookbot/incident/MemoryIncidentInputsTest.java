package dev.runbookbot.incident;

import dev.runbookbot.audit.IncidentId;

/** The in-memory inputs keep the same contract as the SQLite ones. */
class MemoryIncidentInputsTest extends IncidentInputsContract {
    private final MemoryIncidentInputs inputs = new MemoryIncidentInputs();
    private long lastIncident;

    @Override
    protected IncidentInputs inputs() {
        return inputs;
    }

    @Override
    protected IncidentId anIncident() {
        return new IncidentId(++lastIncident);
    }
}
