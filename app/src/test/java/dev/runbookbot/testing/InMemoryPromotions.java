package dev.runbookbot.testing;

import dev.runbookbot.remediate.Promotion;
import dev.runbookbot.remediate.Promotions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** {@link Promotions} in memory, with the same validation and matching as the SQLite one. Thread-safe. */
public final class InMemoryPromotions implements Promotions {
    private final Clock clock;
    private final List<Promotion> promotions = new ArrayList<>();

    public InMemoryPromotions(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Promotion promote(String action, String environment, String promotedBy, String evidenceUrl) {
        Promotion promotion = new Promotion(
                promotions.size() + 1L,
                action.strip(),
                environment.strip(),
                promotedBy.strip(),
                evidenceUrl.strip(),
                clock.instant());
        promotions.add(promotion);
        return promotion;
    }

    @Override
    public synchronized boolean isPromoted(String action, String environment) {
        return promotions.stream().anyMatch(p -> p.allows(action, environment));
    }

    @Override
    public synchronized List<Promotion> list() {
        return List.copyOf(promotions);
    }
}
