package org.scjava.kernel.progress;

import org.scjava.dsl.core.Progress;

import java.io.PrintStream;

/**
 * Progress for {@code ./scjava run}: one line on stderr per top-level task that runs longer than a second (its inner
 * steps folded into it, see {@link ProgressBoard}), redrawn in place on a terminal, or a new line every few seconds
 * when the output is a file or pipe.
 */
public final class ConsoleProgress implements Progress.Factory {

    private final PrintStream out;
    private final boolean terminal;
    private final long delayMillis;
    private ProgressBoard board;

    public ConsoleProgress(PrintStream out, boolean terminal) {
        this(out, terminal, NotebookProgress.DELAY_MS);
    }

    ConsoleProgress(PrintStream out, boolean terminal, long delayMillis) {
        this.out = out;
        this.terminal = terminal;
        this.delayMillis = delayMillis;
    }

    @Override
    public synchronized Progress start(String task, long total, String unit) {
        if (board == null || board.idle()) {
            if (board != null) {
                board.end();
            }
            board = new ProgressBoard(delayMillis, terminal ? 200 : 5000, false, this::draw);
        }
        ProgressBoard b = board;
        Progress p = b.start(task, total, unit);
        return new Progress() {
            @Override
            public void step(long n) {
                p.step(n);
            }

            @Override
            public void close() {
                p.close();
                if (b.idle()) {
                    b.end(); // a script's top-level task is its own call: finish its line now
                }
            }
        };
    }

    private void draw(ProgressState s) {
        if (terminal) {
            out.print("\r" + s.text() + (s.end() ? "\n" : ""));
        } else {
            out.println(s.text());
        }
        out.flush();
    }
}
