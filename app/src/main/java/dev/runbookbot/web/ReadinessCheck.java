package dev.runbookbot.web;

import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * One condition {@code GET /readyz} requires, for example "store writable" or "slack socket connected". {@code
 * GET /readyz} answers 200 only when every check passes, and 503 naming the ones that failed; a check that throws
 * counts as failed. Checks run on the request thread for every probe, so each must be cheap and must not block for
 * long (read a flag the component keeps, do not open a connection). Implementations must be thread-safe.
 */
public interface ReadinessCheck {
    /** Short words for the answer ({@code "store writable"}); never a secret or an address with credentials. */
    String name();

    boolean ready();

    /**
     * Lines that explain the check's state, shown under it in the answer (for example each runbook file the catalog
     * refused, with its first error); none by default. Cheap, like {@link #ready()}.
     */
    default java.util.List<String> detail() {
        return java.util.List.of();
    }

    static ReadinessCheck of(String name, BooleanSupplier ready) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(ready, "ready");
        return new ReadinessCheck() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean ready() {
                return ready.getAsBoolean();
            }
        };
    }
}
