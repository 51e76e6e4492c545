package dev.runbookbot.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProcessRunnerSettingsTest {
    private final ProcessRunnerSettings settings =
            ProcessRunnerSettings.defaults(Path.of("/tmp")).withSessionLauncher(Optional.empty());

    @Test
    void aProcessGetsTheBudgetLessWhatKillingItsTreeMayTakeButAtMostAFifthLess() {
        // the default kill grace is 500 ms: the reserve is 2 x 500 ms + 250 ms
        assertEquals(Duration.ofMillis(8_750), settings.processTimeoutWithin(Duration.ofSeconds(10)));
        assertEquals(Duration.ofMillis(1_600), settings.processTimeoutWithin(Duration.ofSeconds(2)));
        assertEquals(Duration.ZERO, settings.processTimeoutWithin(Duration.ZERO));
    }
}
