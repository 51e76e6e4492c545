package dev.runbookbot.remediate;

/** What became of a page: accepted by the paging service (with what it said), or why not. */
public sealed interface PageResult {
    String describe();

    record Paged(String detail) implements PageResult {
        @Override
        public String describe() {
            return detail;
        }
    }

    record Failed(String reason) implements PageResult {
        @Override
        public String describe() {
            return reason;
        }
    }
}
