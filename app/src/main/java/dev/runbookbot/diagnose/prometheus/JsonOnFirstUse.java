package dev.runbookbot.diagnose.prometheus;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.function.Supplier;

/**
 * An executor's {@link ObjectMapper}, made when the first answer is read. {@code runbookctl lint} builds the executors
 * for their facts and config checks and reads no answer, so it never loads Jackson's data binding (some 150 classes and
 * the mapper's set-up). Thread-safe: at most one mapper is made.
 */
final class JsonOnFirstUse implements Supplier<ObjectMapper> {
    private volatile ObjectMapper mapper;

    @Override
    public ObjectMapper get() {
        ObjectMapper made = mapper;
        if (made != null) {
            return made;
        }
        synchronized (this) {
            if (mapper == null) {
                mapper = new ObjectMapper();
            }
            return mapper;
        }
    }
}
