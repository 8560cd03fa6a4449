package org.scjava.kernel.display;

import org.dflib.jjava.jupyter.kernel.display.RenderContext;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** Any XChart chart built directly in a cell, inline as PNG (chart width × height pixels), SVG on request. */
@SuppressWarnings("rawtypes")
public final class XChartRenderer implements TypeRenderer<Chart> {

    @Override
    public Class<Chart> type() {
        return Chart.class;
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
    @SuppressWarnings("unchecked")
    public void render(Chart chart, RenderContext context) {
        if (context.renderIfRequested(MIMEType.IMAGE_PNG, () -> png(chart))) {
            context.getOutputContainer().putMetaData(MIMEType.IMAGE_PNG,
                    Map.of("width", chart.getWidth(), "height", chart.getHeight()));
        }
        context.renderIfRequested(MIMEType.IMAGE_SVG, () -> svg(chart));
        context.renderIfRequested(MIMEType.TEXT_PLAIN,
                () -> chart.getClass().getSimpleName() + " " + chart.getWidth() + "×" + chart.getHeight()
                        + " \"" + chart.getTitle() + "\"");
    }

    @SuppressWarnings("unchecked")
    private static String png(Chart chart) {
        try {
            return Base64.getEncoder().encodeToString(BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
        } catch (IOException e) {
            throw new UncheckedIOException("PNG encoding of " + chart.getClass().getSimpleName() + " failed", e);
        }
    }

    private static String svg(Chart chart) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            return Svg.inline(out.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("SVG encoding of " + chart.getClass().getSimpleName() + " failed", e);
        }
    }
}
