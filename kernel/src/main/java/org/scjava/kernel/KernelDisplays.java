package org.scjava.kernel;

import org.dflib.jjava.jupyter.kernel.DisplayStream;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.scjava.kernel.logging.LogSink;
import org.scjava.kernel.progress.NotebookProgress;

import java.io.PrintStream;
import java.util.UUID;

/**
 * Publishes {@code display(...)} calls, progress bars and log messages as Jupyter outputs of the running cell:
 * warnings as a warning box (a display, not the stderr stream, whose red box reads as an error), info lines on the
 * cell's stdout, errors on its stderr. Outside a cell (a background thread) log messages go to the kernel's own
 * stderr, which Jupyter keeps in its log.
 */
record KernelDisplays(Renderer renderer, DisplayStream stream)
        implements Notebook.Sink, NotebookProgress.Target, LogSink {

    /** The process's own stderr, captured before any cell replaces System.err (Jupyter keeps it in its log). */
    private static final PrintStream PROCESS_ERR = System.err;

    private static final String WARNING_STYLE = "background:#fff8e1;border-left:4px solid #f0b400;padding:2px 8px;"
            + "margin:2px 0;font-size:90%;white-space:pre-wrap;font-family:var(--jp-code-font-family,monospace)";

    @Override
    public void warning(String message) {
        if (!stream.isAttached()) {
            PROCESS_ERR.println("WARNING: " + message);
            return;
        }
        DisplayData data = new DisplayData("WARNING: " + message);
        data.putHTML("<div class=\"scjava-warning\" style=\"" + WARNING_STYLE + "\">&#9888; "
                + org.scjava.kernel.display.Html.escape(message) + "</div>");
        stream.display(data);
    }

    @Override
    public void info(String message) {
        (stream.isAttached() ? System.out : PROCESS_ERR).println(message);
    }

    @Override
    public void error(String message) {
        (stream.isAttached() ? System.err : PROCESS_ERR).println("ERROR: " + message);
    }

    @Override
    public String display(Object value, String... mimeTypes) {
        String id = UUID.randomUUID().toString();
        DisplayData data = render(value, mimeTypes);
        data.setDisplayId(id);
        stream.display(data);
        return id;
    }

    @Override
    public void update(String displayId, Object value, String... mimeTypes) {
        stream.updateDisplay(displayId, render(value, mimeTypes));
    }

    @Override
    public void show(String displayId, String html, String text) {
        DisplayData data = new DisplayData(text);
        data.putHTML(html);
        data.setDisplayId(displayId);
        stream.display(data);
    }

    @Override
    public void update(String displayId, String html, String text) {
        DisplayData data = new DisplayData(text);
        data.putHTML(html);
        stream.updateDisplay(displayId, data);
    }

    private DisplayData render(Object value, String... mimeTypes) {
        if (value == null) {
            return new DisplayData("null");
        }
        return mimeTypes.length == 0 ? renderer.render(value) : renderer.renderAs(value, mimeTypes);
    }
}
