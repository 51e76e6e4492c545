package dev.runbookbot.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Captures what the code under test logs (every level from DEBUG up, whatever the configured level) so a test can check
 * that no secret reached a log line: {@link #assertNoneContains} looks through messages, arguments and stack traces.
 * Close it to detach.
 */
public final class LogCapture implements AutoCloseable {
    private final Logger logger;
    private final Level previousLevel;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private LogCapture(String loggerName) {
        logger = (Logger) LoggerFactory.getLogger(loggerName);
        previousLevel = logger.getLevel();
        appender.start();
        logger.addAppender(appender);
        logger.setLevel(Level.DEBUG);
    }

    /** Captures {@code loggerName} and its children (for example {@code "dev.runbookbot"}). */
    public static LogCapture of(String loggerName) {
        return new LogCapture(loggerName);
    }

    /** Everything logged so far, formatted, with any stack trace appended. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        for (ILoggingEvent event : List.copyOf(appender.list)) {
            StringBuilder line = new StringBuilder(event.getLevel() + " " + event.getFormattedMessage());
            for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                line.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
            }
            lines.add(line.toString());
        }
        return lines;
    }

    /** Fails naming the line if any captured line contains one of {@code secrets}. */
    public void assertNoneContains(String... secrets) {
        for (String line : lines()) {
            for (String secret : secrets) {
                if (line.contains(secret)) {
                    throw new AssertionError("a log line contains a secret: " + line.replace(secret, "<secret>"));
                }
            }
        }
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        logger.setLevel(previousLevel);
        appender.stop();
    }
}
