package dev.runbookbot.remediate;

/**
 * Pages the people on call through a paging service (PagerDuty's Events API). A page with the same {@link
 * Page#dedupKey()} as an open one joins it instead of paging again, so retrying a page, or paging again for the same
 * incident, never wakes someone twice. Implementations block for the HTTP call (call them from a worker), never throw
 * for a failure of the service or the network ({@link PageResult.Failed}), and never put a routing key or token into a
 * result. Thread-safe.
 */
public interface Pager {
    PageResult page(Page page);

    /** Where pages go, for people ("PagerDuty"). */
    String name();
}
