package org.scjava.kernel.progress;

import org.scjava.dsl.core.Progress;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One progress display for a user-level call (a notebook cell, or a script's top-level task): the first task
 * started in it drives the bar; tasks started while it runs (a verb's inner steps, from any thread) are folded into
 * its line instead of getting bars of their own; tasks that follow one another in the same scope share the display,
 * finished ones summarised by name and time. Nothing is drawn for a scope that ends within {@code delay} (no bar for
 * a 0.1 s step); after that it is redrawn at most every {@code interval}, and once more at the end.
 */
final class ProgressBoard {

    private final long delayNanos;
    private final long intervalNanos;
    private final Consumer<ProgressState> draw;
    private final boolean redrawOnClose;
    private final List<Task> open = new ArrayList<>();
    private final List<ProgressState.Line> finished = new ArrayList<>();
    private final long startNanos = System.nanoTime();
    private volatile long lastDrawNanos;
    private boolean shown;
    private boolean ended;

    /**
     * {@code draw} is called under this board's lock with the state to show (first call: the display appears);
     * {@code redrawOnClose}: a finished step is shown at once (a display updated in place), else with the next
     * step or at the end (a console, where each draw is a line).
     */
    ProgressBoard(long delayMillis, long intervalMillis, boolean redrawOnClose, Consumer<ProgressState> draw) {
        this.delayNanos = delayMillis * 1_000_000L;
        this.intervalNanos = intervalMillis * 1_000_000L;
        this.redrawOnClose = redrawOnClose;
        this.draw = draw;
    }

    synchronized Progress start(String task, long total, String unit) {
        Task t = new Task(task, total, unit);
        open.add(t);
        return t;
    }

    /** True when no task of this board is running. */
    synchronized boolean idle() {
        return open.isEmpty();
    }

    /** The scope is over: the final state is drawn if the display was shown (or the scope lasted past the delay). */
    synchronized void end() {
        if (ended) {
            return;
        }
        ended = true;
        for (Task t : List.copyOf(open)) {
            finishTask(t);
        }
        long now = System.nanoTime();
        if (shown || (now - startNanos >= delayNanos && !finished.isEmpty())) {
            redraw(now, true);
        }
    }

    private void stepped(long now) {
        if (now - lastDrawNanos < intervalNanos || now - startNanos < delayNanos) {
            return;
        }
        synchronized (this) {
            if (!ended && now - lastDrawNanos >= intervalNanos) {
                redraw(now, false);
            }
        }
    }

    private synchronized void closed(Task t) {
        if (!open.contains(t)) {
            return;
        }
        finishTask(t);
        long now = System.nanoTime();
        if (shown && !ended && redrawOnClose) {
            redraw(now, false);
        }
    }

    /** The first open task is the call's own; a task closing when it is first is a finished call step. */
    private void finishTask(Task t) {
        boolean outer = open.indexOf(t) == 0;
        open.remove(t);
        if (outer) {
            finished.add(t.line(System.nanoTime(), true));
        }
    }

    private void redraw(long now, boolean end) {
        lastDrawNanos = now;
        ProgressState.Line outer = open.isEmpty() ? null : open.get(0).line(now, false);
        ProgressState.Line inner = open.size() > 1 ? open.get(open.size() - 1).line(now, false) : null;
        draw.accept(new ProgressState(List.copyOf(finished), outer, inner, end));
        shown = true;
    }

    /** A task of this board: counts its steps, tells the board. */
    private final class Task implements Progress {
        private final String name;
        private final long total;
        private final String unit;
        private final long started = System.nanoTime();
        private final AtomicLong done = new AtomicLong();

        Task(String name, long total, String unit) {
            this.name = name;
            this.total = total;
            this.unit = unit;
        }

        ProgressState.Line line(long now, boolean complete) {
            return new ProgressState.Line(name, done.get(), total, unit, (now - started) / 1e9, complete);
        }

        @Override
        public void step(long n) {
            done.addAndGet(n);
            stepped(System.nanoTime());
        }

        @Override
        public void close() {
            closed(this);
        }
    }
}
