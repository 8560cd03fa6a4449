package org.scjava.dsl.core;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Progress of a long verb (embedding, UMAP, perturbation), like DJL's {@code ai.djl.util.Progress}: the verb reports,
 * the front end draws. Verbs call {@link #start(String, long, String)} and advance it; the kernel installs a
 * {@link Factory} that draws a live bar in the notebook, {@code ./scjava run} one that prints a plain line, and the
 * default logs through SLF4J at most every few seconds. Progress display never changes a result.
 */
public interface Progress extends AutoCloseable {

    /** Advances by {@code n} units. */
    void step(long n);

    /** Marks the task finished (idempotent). */
    @Override
    void close();

    /** Creates progress reporters; installed by the front end. */
    @FunctionalInterface
    interface Factory {
        Progress start(String task, long total, String unit);
    }

    /** Starts a reporter from the installed factory for a task of {@code total} units (e.g. 2170 "cells"). */
    static Progress start(String task, long total, String unit) {
        return Holder.FACTORY.get().start(task, total, unit);
    }

    /** Installs the factory used from now on (kernel: notebook bar; scripts: console line). */
    static void setFactory(Factory factory) {
        Holder.FACTORY.set(Objects.requireNonNull(factory, "factory"));
    }

    static Factory factory() {
        return Holder.FACTORY.get();
    }

    /** A reporter that ignores everything. */
    static Progress none() {
        return Holder.NONE;
    }

    /** The default factory: a log line at start, every ~5 s, and at the end. */
    static Factory logging() {
        return LoggingProgress::new;
    }

    /** Holds the process-wide factory (an interface cannot have private static fields). */
    final class Holder {
        private static final AtomicReference<Factory> FACTORY = new AtomicReference<>(logging());
        private static final Progress NONE = new Progress() {
            @Override
            public void step(long n) {
            }

            @Override
            public void close() {
            }
        };

        private Holder() {
        }
    }

    /** Logs through SLF4J, throttled. */
    final class LoggingProgress implements Progress {
        private static final Logger LOG = LoggerFactory.getLogger(Progress.class);
        private final String task;
        private final long total;
        private final String unit;
        private final long startNanos = System.nanoTime();
        private long done;
        private long lastLog = System.nanoTime();
        private boolean closed;

        LoggingProgress(String task, long total, String unit) {
            this.task = task;
            this.total = total;
            this.unit = unit;
            LOG.info("{}: {} {}", task, total, unit);
        }

        @Override
        public synchronized void step(long n) {
            done += n;
            long now = System.nanoTime();
            if (now - lastLog > 5_000_000_000L) {
                lastLog = now;
                LOG.info("{}: {}/{} {} ({})", task, done, total, unit, rate(now));
            }
        }

        private String rate(long now) {
            double s = (now - startNanos) / 1e9;
            return String.format(java.util.Locale.ROOT, "%.1f %s/s", s > 0 ? done / s : 0.0, unit);
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                LOG.info("{}: done {}/{} {} ({})", task, done, total, unit, rate(System.nanoTime()));
            }
        }
    }
}
