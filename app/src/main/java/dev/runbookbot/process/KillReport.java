package dev.runbookbot.process;

import java.util.List;

/** What a kill achieved: how many processes were signalled, and which of them were still alive at the end. */
record KillReport(int killed, List<Long> survivors) {
    KillReport {
        survivors = List.copyOf(survivors);
    }

    static KillReport none() {
        return new KillReport(0, List.of());
    }
}
