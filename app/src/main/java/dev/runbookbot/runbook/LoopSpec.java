package dev.runbookbot.runbook;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code forEach} loop on a diagnostic step or a remediation: the step (or action) runs once per item, with the item
 * readable as {@code item} in its templates and conditions. The items are written in the runbook ({@code items: [a,
 * b]}, Argo's {@code withItems}) or read from a list fact of a diagnostic step ({@code items:
 * diagnostics.crashing.samples}, Argo's {@code withParam}); {@code itemsFrom} is that fact's path. At most {@code
 * concurrency} iterations run at once (GitHub Actions' {@code max-parallel}, Orquesta's {@code concurrency}); {@code
 * maxItems} bounds a list read from a fact, whose length the runbook cannot know (lint requires it there).
 */
public record LoopSpec(
        List<Object> items,
        Optional<String> itemsFrom,
        int concurrency,
        Optional<Integer> maxItems,
        SourceLocation location) {
    /** Iterations of a diagnostic step that run at once unless {@code concurrency} says otherwise. */
    public static final int DEFAULT_DIAGNOSTIC_CONCURRENCY = 4;

    /** Iterations of an action that run at once unless {@code concurrency} says otherwise: one at a time. */
    public static final int DEFAULT_ACTION_CONCURRENCY = 1;

    /** The most iterations that may run at once. */
    public static final int MAX_CONCURRENCY = 16;

    /** The most items one loop may have. */
    public static final int MAX_ITEMS = 100;

    public LoopSpec {
        items = List.copyOf(items);
        Objects.requireNonNull(itemsFrom, "itemsFrom");
        Objects.requireNonNull(maxItems, "maxItems");
    }

    /** The most iterations this loop runs: the written list's length, or {@code maxItems} (at most {@link #MAX_ITEMS}). */
    public int bound() {
        if (itemsFrom.isEmpty()) {
            return Math.min(items.size(), MAX_ITEMS);
        }
        return Math.min(maxItems.orElse(MAX_ITEMS), MAX_ITEMS);
    }

    /** True when the iterations run one at a time. */
    public boolean sequential() {
        return concurrency <= 1;
    }
}
