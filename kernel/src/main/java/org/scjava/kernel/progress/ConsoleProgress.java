package org.scjava.kernel.progress;

import org.scjava.dsl.core.Progress;

import java.io.PrintStream;

/**
 * Progress for {@code ./scjava run}: one line on stderr, redrawn in place on a terminal, or a new line every few
 * seconds when the output is a file or pipe.
 */
public final class ConsoleProgress implements Progress.Factory {

    private final PrintStream out;
    private final boolean terminal;

    public ConsoleProgress(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    @Override
    public Progress start(String task, long total, String unit) {
        Line line = new Line(task, total, unit);
        line.begin();
        return line;
    }

    private final class Line extends ThrottledProgress {
        Line(String task, long total, String unit) {
            super(task, total, unit, terminal ? 200 : 5000);
        }

        @Override
        void draw(ProgressState s) {
            if (terminal) {
                out.print("\r" + s.text() + (s.finished() ? "\n" : ""));
            } else {
                out.println(s.text());
            }
            out.flush();
        }
    }
}
