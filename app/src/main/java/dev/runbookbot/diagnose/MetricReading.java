package dev.runbookbot.diagnose;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The answer to a metric query: its samples (a scalar is one sample without labels), or why there is none. */
public sealed interface MetricReading {
    record Samples(List<Sample> samples) implements MetricReading {
        public Samples {
            samples = List.copyOf(samples);
        }
    }

    record Unavailable(String reason) implements MetricReading {
        public Unavailable {
            if (Objects.requireNonNull(reason, "reason").isBlank()) {
                throw new IllegalArgumentException("reason must not be blank");
            }
        }
    }

    /** One series: its labels and its current value (NaN and infinities included, as the server sent them). */
    record Sample(Map<String, String> labels, double value) {
        public Sample {
            labels = Map.copyOf(Objects.requireNonNull(labels, "labels"));
        }
    }
}
