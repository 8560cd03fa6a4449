package org.scjava.kernel;

import org.dflib.jjava.jupyter.kernel.DisplayStream;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.scjava.kernel.progress.NotebookProgress;

import java.util.UUID;

/** Publishes {@code display(...)} calls and progress bars as Jupyter display messages of the running cell. */
final class KernelDisplays implements Notebook.Sink, NotebookProgress.Target {

    private final Renderer renderer;
    private final DisplayStream stream;

    KernelDisplays(Renderer renderer, DisplayStream stream) {
        this.renderer = renderer;
        this.stream = stream;
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
