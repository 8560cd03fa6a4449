package org.scjava.kernel.display;

import org.dflib.jjava.jupyter.kernel.display.RenderContext;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** Any XChart chart built directly in a cell, inline as PNG (chart width × height pixels), SVG on request. */
@SuppressWarnings("rawtypes")
public final class XChartRenderer implements TypeRenderer<Chart> {

    @Override
    public Class<Chart> type() {
        return Chart.class;
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
    public void render(Chart chart, RenderContext context) {
        ImageRenderings.render(context, chart.getWidth(), chart.getHeight(), () -> png(chart), () -> svg(chart),
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
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("SVG encoding of " + chart.getClass().getSimpleName() + " failed", e);
        }
    }
}
