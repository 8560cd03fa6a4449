package org.scjava.kernel.progress;

import org.scjava.dsl.core.Progress;

import java.util.UUID;

/**
 * Progress in a notebook: at most one bar per cell, shown as a display in the running cell once the cell's work has
 * taken a second, then redrawn in place with {@code update_display_data} (at most every 100 ms). Everything a cell
 * starts — a verb's inner steps, several verbs in a row — folds into that one bar (see {@link ProgressBoard}); a
 * cell that finishes within the second shows no bar at all. The kernel calls {@link #endCell()} after each cell.
 */
public final class NotebookProgress implements Progress.Factory {

    /** A cell's work shows a bar after this long. */
    static final long DELAY_MS = 1000;
    static final long INTERVAL_MS = 100;

    /** Where the bar is drawn: a display with an id, then updates of it. */
    public interface Target {
        void show(String displayId, String html, String text);

        void update(String displayId, String html, String text);
    }

    private final Target target;
    private final long delayMillis;
    private ProgressBoard board;

    public NotebookProgress(Target target) {
        this(target, DELAY_MS);
    }

    NotebookProgress(Target target, long delayMillis) {
        this.target = target;
        this.delayMillis = delayMillis;
    }

    @Override
    public synchronized Progress start(String task, long total, String unit) {
        if (board == null) {
            String id = "scjava-progress-" + UUID.randomUUID();
            boolean[] shown = {false};
            board = new ProgressBoard(delayMillis, INTERVAL_MS, true, s -> {
                if (shown[0]) {
                    target.update(id, s.html(), s.text());
                } else {
                    shown[0] = true;
                    target.show(id, s.html(), s.text());
                }
            });
        }
        return board.start(task, total, unit);
    }

    /** The cell is over: its bar, if any, shows the final state; the next cell starts a new one. */
    public void endCell() {
        ProgressBoard b;
        synchronized (this) {
            b = board;
            board = null;
        }
        if (b != null) {
            b.end();
        }
    }
}
