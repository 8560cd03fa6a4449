package org.scjava.kernel.display;

import org.dflib.jjava.jupyter.kernel.display.RenderContext;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.scjava.dsl.pl.Figure;

import java.util.Base64;
import java.util.List;
import java.util.Map;

/** A scjava plot ({@link Figure}) inline as PNG, or as SVG on request ({@code display(fig, "image/svg+xml")}). */
public final class FigureRenderer implements TypeRenderer<Figure> {

    @Override
    public Class<Figure> type() {
        return Figure.class;
    }

    @Override
    public List<String> preferred() {
        return List.of(MIMEType.IMAGE_PNG.toString());
    }

    @Override
    public List<String> onRequest() {
        return List.of(MIMEType.IMAGE_SVG.toString());
    }

    @Override
    public void render(Figure figure, RenderContext context) {
        if (context.renderIfRequested(MIMEType.IMAGE_PNG, () -> Base64.getEncoder().encodeToString(figure.toPng()))) {
            context.getOutputContainer().putMetaData(MIMEType.IMAGE_PNG,
                    Map.of("width", figure.width(), "height", figure.height()));
        }
        context.renderIfRequested(MIMEType.IMAGE_SVG, () -> Svg.inline(figure.toSvg()));
        context.renderIfRequested(MIMEType.TEXT_PLAIN,
                () -> "Figure " + figure.width() + "×" + figure.height() + " (" + figure.getClass().getSimpleName() + ")");
    }
}
