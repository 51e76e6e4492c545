package dev.runbookbot.diagnose.fetch;

import okhttp3.HttpUrl;

/**
 * A configured server's root URL (the bot's Prometheus, its Loki): checked when the executor is built, by okhttp's rules
 * ({@link UrlShape}; a URL okhttp refuses fails with okhttp's own exception, as before), and made into an
 * {@link HttpUrl} when the first request is built. Building the executors, as {@code runbookctl lint} does, so loads no
 * okhttp. Thread-safe.
 */
public final class ServerUrl {
    private final String text;
    private volatile HttpUrl url;

    private ServerUrl(String text) {
        this.text = text;
    }

    /** @throws IllegalArgumentException okhttp's, when {@code text} is not an http(s) URL it accepts */
    public static ServerUrl of(String text) {
        if (UrlShape.of(text).isEmpty()) {
            HttpUrl.get(text); // throws, with okhttp's message
        }
        return new ServerUrl(text);
    }

    /** The URL as okhttp's, made on the first call. */
    public HttpUrl httpUrl() {
        HttpUrl made = url;
        if (made == null) {
            made = HttpUrl.get(text);
            url = made;
        }
        return made;
    }

    @Override
    public String toString() {
        return text;
    }
}
