package dev.runbookbot.diagnose.prometheus;

import dev.runbookbot.diagnose.FailureKind;
import dev.runbookbot.diagnose.Outcome;

/** What a Prometheus answer stands for: a result, or a classified failure. */
sealed interface QueryAnswer {
    record Result(QueryResult result) implements QueryAnswer {}

    record Failure(Outcome.Failed failure) implements QueryAnswer {}

    static QueryAnswer of(QueryResult result) {
        return new Result(result);
    }

    static QueryAnswer failed(FailureKind kind, String reason) {
        return new Failure(Outcome.failed(kind, reason));
    }
}
