package org.scjava.kernel.display;

import org.dflib.jjava.jupyter.kernel.display.RenderContext;
import org.scjava.dsl.pl.Figure;

import java.util.Base64;
import java.util.List;

/** A scjava plot ({@link Figure}) inline as PNG, or as SVG on request ({@code display(fig, "image/svg+xml")}). */
public final class FigureRenderer implements TypeRenderer<Figure> {

    @Override
    public Class<Figure> type() {
        return Figure.class;
    }

    @Override
    public List<String> preferred() {
        return ImageRenderings.PREFERRED;
    }

    @Override
    public List<String> onRequest() {
        return ImageRenderings.ON_REQUEST;
    }

    @Override
    public void render(Figure figure, RenderContext context) {
        ImageRenderings.render(context, figure.width(), figure.height(),
                () -> Base64.getEncoder().encodeToString(figure.toPng()), figure::toSvg,
                () -> "Figure " + figure.width() + "×" + figure.height() + " (" + figure.getClass().getSimpleName() + ")");
    }
}
