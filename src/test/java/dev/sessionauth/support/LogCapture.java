package dev.sessionauth.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtLogRecord;

import dev.sessionauth.security.SecurityEvents;

/**
 * Collects the lines one logger writes while open: every line of one class, DEBUG included (its level is lowered
 * until closed), or the audit log's lines at the level it is configured with.
 */
public final class LogCapture extends Handler implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Logger logger;
    private final Level previousLevel;

    private LogCapture(Logger logger) {
        this.logger = logger;
        this.previousLevel = logger.getLevel();
    }

    public static LogCapture of(Class<?> loggingClass) {
        LogCapture capture = new LogCapture(Logger.getLogger(loggingClass.getName()));
        capture.logger.setLevel(Level.FINEST);
        capture.logger.addHandler(capture);
        return capture;
    }

    /** The security events, as the audit log records them (its DEBUG lines are left out, as in production). */
    public static LogCapture audit() {
        LogCapture capture = new LogCapture(Logger.getLogger(SecurityEvents.CATEGORY));
        capture.logger.addHandler(capture);
        return capture;
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void publish(LogRecord record) {
        lines.add(record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage());
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setLevel(previousLevel);
    }
}
