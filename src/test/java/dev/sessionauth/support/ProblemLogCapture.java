package dev.sessionauth.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtLogRecord;

/**
 * Collects, from every logger while open, the records that signal a problem: ERROR (SEVERE) or worse, or any
 * record that carries a throwable or a stack trace in its text. In tests JBoss LogManager is the JUL manager, so a
 * handler on the root logger sees what the service logs.
 */
public final class ProblemLogCapture extends Handler implements AutoCloseable {

    private static final String ROOT = "";

    private final List<Problem> problems = new CopyOnWriteArrayList<>();

    /** One record that signals a problem; thrown is null when the record carries no throwable. */
    public record Problem(Level level, String logger, String message, Throwable thrown) {

        @Override
        public String toString() {
            return level + " [" + logger + "] " + message + (thrown == null ? "" : " <- " + thrown);
        }
    }

    private ProblemLogCapture() {
    }

    public static ProblemLogCapture start() {
        ProblemLogCapture capture = new ProblemLogCapture();
        Logger.getLogger(ROOT).addHandler(capture);
        return capture;
    }

    public List<Problem> problems() {
        return List.copyOf(problems);
    }

    @Override
    public void publish(LogRecord record) {
        String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
        boolean severe = record.getLevel().intValue() >= Level.SEVERE.intValue();
        boolean stackTrace = record.getThrown() != null || (message != null && message.contains("\tat "));
        if (severe || stackTrace) {
            problems.add(new Problem(record.getLevel(), record.getLoggerName(), message, record.getThrown()));
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger.getLogger(ROOT).removeHandler(this);
    }
}
