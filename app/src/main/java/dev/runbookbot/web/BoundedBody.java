package dev.runbookbot.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Reads a request body up to a limit. A declared {@code Content-Length} above the limit is refused before a byte is
 * read; a chunked body is read to one byte past the limit and refused if it gets there. Never more than {@code limit +
 * 1} bytes are held in memory.
 */
final class BoundedBody {
    private final int limit;

    BoundedBody(int limit) {
        this.limit = limit;
    }

    int limit() {
        return limit;
    }

    /** The whole body, or empty when it is larger than the limit. */
    Optional<byte[]> read(Context ctx) throws IOException {
        long declared = ctx.req().getContentLengthLong();
        if (declared > limit) {
            return Optional.empty();
        }
        try (InputStream in = ctx.bodyInputStream()) {
            byte[] body = in.readNBytes(limit + 1);
            return body.length > limit ? Optional.empty() : Optional.of(body);
        }
    }
}
