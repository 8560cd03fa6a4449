package org.scjava.kernel.progress;

import org.scjava.dsl.core.Progress;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link Progress} that redraws at most once per interval, whichever thread steps it (verbs may step from worker
 * threads), and once more when closed.
 */
abstract class ThrottledProgress implements Progress {

    private final String task;
    private final long total;
    private final String unit;
    private final long intervalNanos;
    private final long startNanos = System.nanoTime();
    private final AtomicLong done = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private long lastDrawNanos;

    ThrottledProgress(String task, long total, String unit, long intervalMillis) {
        this.task = task;
        this.total = total;
        this.unit = unit;
        this.intervalNanos = intervalMillis * 1_000_000L;
    }

    /** Draws the first state; subclasses call it once they are set up. */
    final void begin() {
        synchronized (this) {
            lastDrawNanos = System.nanoTime();
            draw(state(0, lastDrawNanos, false));
        }
    }

    @Override
    public final void step(long n) {
        long d = done.addAndGet(n);
        long now = System.nanoTime();
        if (now - lastDrawNanos < intervalNanos || closed.get()) {
            return;
        }
        synchronized (this) {
            if (now - lastDrawNanos >= intervalNanos && !closed.get()) {
                lastDrawNanos = now;
                draw(state(d, now, false));
            }
        }
    }

    @Override
    public final void close() {
        if (closed.compareAndSet(false, true)) {
            synchronized (this) {
                draw(state(done.get(), System.nanoTime(), true));
            }
        }
    }

    private ProgressState state(long d, long now, boolean finished) {
        return new ProgressState(task, d, total, unit, (now - startNanos) / 1e9, finished);
    }

    /** Shows the state; called under this object's lock. */
    abstract void draw(ProgressState state);
}
