package org.scjava.kernel.progress;

import org.scjava.dsl.core.Progress;

import java.util.UUID;

/**
 * Progress in a notebook: a bar shown as a display in the running cell and redrawn in place with
 * {@code update_display_data} (at most every 100 ms), so long verbs (embedding, UMAP) show how far they are.
 */
public final class NotebookProgress implements Progress.Factory {

    /** Where the bar is drawn: a display with an id, then updates of it. */
    public interface Target {
        void show(String displayId, String html, String text);

        void update(String displayId, String html, String text);
    }

    private final Target target;

    public NotebookProgress(Target target) {
        this.target = target;
    }

    @Override
    public Progress start(String task, long total, String unit) {
        Bar bar = new Bar(task, total, unit);
        bar.begin();
        return bar;
    }

    private final class Bar extends ThrottledProgress {
        private final String id = "scjava-progress-" + UUID.randomUUID();
        private boolean shown;

        Bar(String task, long total, String unit) {
            super(task, total, unit, 100);
        }

        @Override
        void draw(ProgressState s) {
            if (!shown) {
                shown = true;
                target.show(id, s.html(), s.text());
            } else {
                target.update(id, s.html(), s.text());
            }
        }
    }
}
