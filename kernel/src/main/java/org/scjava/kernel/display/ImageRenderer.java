package org.scjava.kernel.display;

import org.dflib.jjava.jupyter.kernel.display.RenderContext;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * What plot renderers share: PNG by default (with its size as metadata), SVG on request, a line of text. A subclass
 * only says how its type encodes itself.
 *
 * @param <T> the rendered plot type
 */
abstract class ImageRenderer<T> implements TypeRenderer<T> {

    private static final List<String> PREFERRED = List.of(MIMEType.IMAGE_PNG.toString());
    private static final List<String> ON_REQUEST = List.of(MIMEType.IMAGE_SVG.toString());

    private final Class<T> type;
    private final ToIntFunction<T> width;
    private final ToIntFunction<T> height;

    /** {@code width} and {@code height}: the PNG's size in pixels, sent as its metadata. */
    ImageRenderer(Class<T> type, ToIntFunction<T> width, ToIntFunction<T> height) {
        this.type = type;
        this.width = width;
        this.height = height;
    }

    /** The PNG file's bytes. */
    abstract byte[] png(T plot);

    /** An SVG document. */
    abstract String svg(T plot);

    /** One line of text for consoles. */
    abstract String text(T plot);

    @Override
    public Class<T> type() {
        return type;
    }

    @Override
    public List<String> preferred() {
        return PREFERRED;
    }

    @Override
    public List<String> onRequest() {
        return ON_REQUEST;
    }

    /** Renders what the context asks for. */
    @Override
    public void render(T plot, RenderContext context) {
        if (context.renderIfRequested(MIMEType.IMAGE_PNG, () -> Base64.getEncoder().encodeToString(png(plot)))) {
            context.getOutputContainer().putMetaData(MIMEType.IMAGE_PNG,
                    Map.of("width", width.applyAsInt(plot), "height", height.applyAsInt(plot)));
        }
        context.renderIfRequested(MIMEType.IMAGE_SVG, () -> Svg.inline(svg(plot)));
        context.renderIfRequested(MIMEType.TEXT_PLAIN, () -> text(plot));
    }
}
