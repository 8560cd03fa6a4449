package org.scjava.kernel.display;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Any XChart chart built directly in a cell, inline as PNG (chart width × height pixels), SVG on request. */
@SuppressWarnings("rawtypes")
public final class XChartRenderer extends ImageRenderer<Chart> {

    public XChartRenderer() {
        super(Chart.class, Chart::getWidth, Chart::getHeight);
    }

    @Override
    @SuppressWarnings("unchecked")
    byte[] png(Chart chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("PNG encoding of " + chart.getClass().getSimpleName() + " failed", e);
        }
    }

    @Override
    String svg(Chart chart) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("SVG encoding of " + chart.getClass().getSimpleName() + " failed", e);
        }
    }

    @Override
    String text(Chart chart) {
        return chart.getClass().getSimpleName() + " " + chart.getWidth() + "×" + chart.getHeight()
                + " \"" + chart.getTitle() + "\"";
    }
}
