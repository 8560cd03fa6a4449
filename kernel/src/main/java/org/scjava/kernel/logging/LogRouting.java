package org.scjava.kernel.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

/**
 * The one {@code java.util.logging} handler of a front end: formats a record as its message (scanpy prints no
 * logger names or times), adds the exception's one-line summary (its stack only at debug verbosity), and passes it to
 * the sink by severity. A failing sink never throws into the code that logged.
 */
public final class LogRouting extends Handler {

    private static final Formatter MESSAGE = new SimpleFormatter();

    private final LogSink sink;

    public LogRouting(LogSink sink) {
        this.sink = sink;
        setLevel(Level.ALL);
    }

    @Override
    public void publish(LogRecord record) {
        if (record == null || !isLoggable(record)) {
            return;
        }
        String text = text(record);
        try {
            int level = record.getLevel().intValue();
            if (level >= Level.SEVERE.intValue()) {
                sink.error(text);
            } else if (level >= Level.WARNING.intValue()) {
                sink.warning(text);
            } else {
                sink.info(text);
            }
        } catch (RuntimeException e) {
            reportError("log sink failed", e, java.util.logging.ErrorManager.WRITE_FAILURE);
        }
    }

    static String text(LogRecord record) {
        String message = MESSAGE.formatMessage(record);
        Throwable t = record.getThrown();
        if (t == null) {
            return message;
        }
        if (record.getLevel().intValue() < Level.INFO.intValue() || LogLevels.showsStacks()) {
            StringWriter w = new StringWriter();
            t.printStackTrace(new PrintWriter(w));
            return message + "\n" + w.toString().stripTrailing();
        }
        return message + ": " + t;
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
