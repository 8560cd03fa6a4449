package org.scjava.kernel.display;

import org.scjava.dsl.pl.Figure;

/** A scjava plot ({@link Figure}) inline as PNG, or as SVG on request ({@code display(fig, "image/svg+xml")}). */
public final class FigureRenderer extends ImageRenderer<Figure> {

    public FigureRenderer() {
        super(Figure.class, Figure::width, Figure::height);
    }

    @Override
    byte[] png(Figure figure) {
        return figure.toPng();
    }

    @Override
    String svg(Figure figure) {
        return figure.toSvg();
    }

    @Override
    String text(Figure figure) {
        return "Figure " + figure.width() + "×" + figure.height() + " px";
    }
}
