package dev.runbookbot.runtime;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Map;
import java.util.Optional;

/**
 * The bot's and runbookctl's logging, set up in code when logging starts (found by logback through {@code
 * META-INF/services}): every line to stderr, so that runbookctl's stdout stays clean for reports, JSON and Markdown;
 * {@code RUNBOOK_LOG_LEVEL} (INFO) for everything, {@code RUNBOOK_SLACK_LOG_LEVEL} (WARN) for Slack's SDK; Jetty and
 * Javalin never below INFO, since Jetty at DEBUG would log request headers, Authorization among them. Both variables
 * may also be given as system properties ({@code -DRUNBOOK_LOG_LEVEL=DEBUG}).
 *
 * <p>In code rather than in a {@code logback.xml}: reading XML cost the bot some 600 classes and a tenth of a second on
 * its main thread at start. A configuration file given with {@code -Dlogback.configurationFile=FILE}, or a {@code
 * logback-test.xml} on the class path (the tests'), is left to logback to read instead.
 */
public final class ConsoleLogging extends ContextAwareBase implements Configurator {
    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n";
    private static final Map<String, Level> FIXED = Map.of(
            "org.java_websocket", Level.WARN,
            "okhttp3", Level.WARN,
            "org.eclipse.jetty", Level.INFO,
            "io.javalin", Level.INFO);

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        return configure(
                context,
                System.getProperty("logback.configurationFile") != null
                        || ConsoleLogging.class.getClassLoader().getResource("logback-test.xml") != null);
    }

    ExecutionStatus configure(LoggerContext context, boolean configurationFileGiven) {
        if (configurationFileGiven) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(level("RUNBOOK_LOG_LEVEL", Level.INFO));
        root.addAppender(stderr);
        context.getLogger("com.slack.api").setLevel(level("RUNBOOK_SLACK_LOG_LEVEL", Level.WARN));
        FIXED.forEach((name, level) -> context.getLogger(name).setLevel(level));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** The level a variable names (a system property first, as logback's own substitution reads them), else the default. */
    private static Level level(String variable, Level fallback) {
        return Optional.ofNullable(System.getProperty(variable))
                .or(() -> Optional.ofNullable(System.getenv(variable)))
                .map(name -> Level.toLevel(name.trim(), fallback))
                .orElse(fallback);
    }
}
