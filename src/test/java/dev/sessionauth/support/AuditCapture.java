package dev.sessionauth.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtLogRecord;

import dev.sessionauth.auth.SecurityEvents;

/** Collects the audit log's lines while open. */
public final class AuditCapture extends Handler implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();

    private AuditCapture() {
    }

    public static AuditCapture start() {
        AuditCapture capture = new AuditCapture();
        Logger.getLogger(SecurityEvents.CATEGORY).addHandler(capture);
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
        Logger.getLogger(SecurityEvents.CATEGORY).removeHandler(this);
    }
}
