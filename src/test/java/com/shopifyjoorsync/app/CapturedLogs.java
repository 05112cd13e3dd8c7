package com.shopifyjoorsync.app;

import java.util.List;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import org.slf4j.LoggerFactory;

/** Every log event while open, as the configured appenders would see it. */
final class CapturedLogs implements AutoCloseable {
    private final Logger root;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    CapturedLogs() {
        LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
        root = logging.getLogger(Logger.ROOT_LOGGER_NAME);
        appender.setContext(logging);
        appender.start();
        root.addAppender(appender);
    }

    List<ILoggingEvent> events() {
        return List.copyOf(appender.list);
    }

    List<String> messages() {
        return events().stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Override
    public void close() {
        root.detachAppender(appender);
    }
}
