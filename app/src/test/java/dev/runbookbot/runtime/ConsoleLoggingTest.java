package dev.runbookbot.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.Test;

/** The logging set up in code, as the packaged jar gets it (the tests' own logback-test.xml is left to logback). */
class ConsoleLoggingTest {
    @Test
    void withTheTestsConfigurationFileOnTheClassPathLogbackReadsThatInstead() {
        LoggerContext context = new LoggerContext();
        ConsoleLogging logging = new ConsoleLogging();
        logging.setContext(context);

        assertEquals(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY, logging.configure(context));
        assertEquals(null, context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR"));
    }

    @Test
    void asInTheJarEveryLineGoesToStderrWithTheLevelsOfTheFormerLogbackXml() {
        LoggerContext context = new LoggerContext();
        ConsoleLogging logging = new ConsoleLogging();
        logging.setContext(context);
        assertEquals(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY, logging.configure(context, false));
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        ConsoleAppender<?> stderr = assertInstanceOf(ConsoleAppender.class, root.getAppender("STDERR"));
        assertEquals("System.err", stderr.getTarget());
        assertEquals(ConsoleLogging.PATTERN, ((PatternLayoutEncoder) stderr.getEncoder()).getPattern());
        assertEquals(Level.INFO, root.getLevel());
        assertEquals(Level.WARN, context.getLogger("com.slack.api").getLevel());
        assertEquals(Level.INFO, context.getLogger("org.eclipse.jetty").getLevel());
        assertEquals(Level.WARN, context.getLogger("org.java_websocket").getLevel());
    }
}
