package org.scjava.kernel;

import org.scjava.dsl.pl.Figure;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Functions every cell and script can call without imports (statically imported at startup): {@code display(x)}
 * to show several results from one cell, {@code display(fig, "svg")} to pick the format, and
 * {@code updateDisplay(id, x)} to redraw an earlier output in place. In the kernel they publish Jupyter display
 * messages; in {@code ./scjava run} scripts they print the text form.
 */
public final class Notebook {

    /** Where displays go; installed by the front end (kernel or script runner). */
    public interface Sink {
        /** Shows {@code value} (as the given MIME types, or its renderer's defaults when none); returns its id. */
        String display(Object value, String... mimeTypes);

        /** Replaces the output shown under {@code displayId}. */
        void update(String displayId, Object value, String... mimeTypes);
    }

    private static final Map<String, String> SHORT_NAMES = Map.of(
            "png", "image/png", "svg", "image/svg+xml", "html", "text/html", "text", "text/plain",
            "plain", "text/plain", "markdown", "text/markdown", "md", "text/markdown", "latex", "text/latex",
            "json", "application/json", "jpeg", "image/jpeg");

    private static volatile Sink sink = new TextSink(System.out);

    private Notebook() {
    }

    public static void setSink(Sink newSink) {
        sink = Objects.requireNonNull(newSink, "sink");
    }

    /** Shows {@code value} as an output of the running cell; returns the display id for {@link #updateDisplay}. */
    public static String display(Object value) {
        return sink.display(value);
    }

    /**
     * Shows {@code value} as the given MIME types, full ("image/svg+xml") or short ("svg", "png", "html", "text",
     * "markdown", "latex", "json").
     */
    public static String display(Object value, String... mimeTypes) {
        return sink.display(value, mimeTypes(mimeTypes));
    }

    /** Redraws the output with id {@code displayId} (returned by {@link #display}) with a new value. */
    public static void updateDisplay(String displayId, Object value) {
        sink.update(displayId, value);
    }

    public static void updateDisplay(String displayId, Object value, String... mimeTypes) {
        sink.update(displayId, value, mimeTypes(mimeTypes));
    }

    static String[] mimeTypes(String... names) {
        String[] out = new String[names.length];
        for (int i = 0; i < names.length; i++) {
            out[i] = SHORT_NAMES.getOrDefault(names[i].toLowerCase(Locale.ROOT), names[i]);
        }
        return out;
    }

    /** The script runner's sink: the text form on stdout. */
    public static final class TextSink implements Sink {
        private final PrintStream out;
        private int next;

        public TextSink(PrintStream out) {
            this.out = out;
        }

        @Override
        public synchronized String display(Object value, String... mimeTypes) {
            out.println(text(value));
            return "display-" + (++next);
        }

        @Override
        public void update(String displayId, Object value, String... mimeTypes) {
            display(value);
        }

        private static String text(Object value) {
            if (value instanceof Figure f) {
                return "<figure " + f.width() + "×" + f.height() + ": save it with .save(\"plot.png\") to see it>";
            }
            return String.valueOf(value);
        }
    }
}
