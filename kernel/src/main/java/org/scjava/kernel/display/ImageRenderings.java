package org.scjava.kernel.display;

import org.dflib.jjava.jupyter.kernel.display.RenderContext;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** What plot renderers share: PNG by default (with its size as metadata), SVG on request, a line of text. */
final class ImageRenderings {

    static final List<String> PREFERRED = List.of(MIMEType.IMAGE_PNG.toString());
    static final List<String> ON_REQUEST = List.of(MIMEType.IMAGE_SVG.toString());

    private ImageRenderings() {
    }

    /** Renders what the context asks for; {@code png} gives base64 PNG, {@code svg} an SVG document. */
    static void render(RenderContext context, int width, int height, Supplier<String> png, Supplier<String> svg,
                       Supplier<String> text) {
        if (context.renderIfRequested(MIMEType.IMAGE_PNG, png::get)) {
            context.getOutputContainer().putMetaData(MIMEType.IMAGE_PNG, Map.of("width", width, "height", height));
        }
        context.renderIfRequested(MIMEType.IMAGE_SVG, () -> Svg.inline(svg.get()));
        context.renderIfRequested(MIMEType.TEXT_PLAIN, text::get);
    }
}
