package dev.runbookbot.diagnose.fetch;

import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import okhttp3.OkHttpClient;

/**
 * A client derived from the bot's shared one ({@code newBuilder()}: redirects off, extra trust) when it is first asked
 * for, and the same one after that. Adapters hold one from construction and ask for it when they first send a
 * request, so building them (as {@code runbookctl lint} does, to ask for their config checks) loads no okhttp and no
 * trust store. Thread-safe.
 */
public final class DerivedClient implements Supplier<OkHttpClient> {
    private final Supplier<OkHttpClient> shared;
    private final UnaryOperator<OkHttpClient> derivation;
    private OkHttpClient derived;

    /**
     * @param shared the bot's shared client, asked for on the first {@link #get()}
     * @param derivation what to change of it, through {@code newBuilder()}
     */
    public DerivedClient(Supplier<OkHttpClient> shared, UnaryOperator<OkHttpClient> derivation) {
        this.shared = shared;
        this.derivation = derivation;
    }

    @Override
    public synchronized OkHttpClient get() {
        if (derived == null) {
            derived = derivation.apply(shared.get());
        }
        return derived;
    }
}
