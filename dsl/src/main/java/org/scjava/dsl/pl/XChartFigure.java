package org.scjava.dsl.pl;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** A {@link Figure} backed by an XChart chart (PNG through BitmapEncoder, SVG through VectorGraphicsEncoder). */
public final class XChartFigure implements Figure {

    private final Chart<?, ?> chart;

    public XChartFigure(Chart<?, ?> chart) {
        this.chart = chart;
    }

    /** The underlying chart, for further styling. */
    public Chart<?, ?> chart() {
        return chart;
    }

    @Override
    public int width() {
        return chart.getWidth();
    }

    @Override
    public int height() {
        return chart.getHeight();
    }

    @Override
    public BufferedImage toImage() {
        return BitmapEncoder.getBufferedImage(chart);
    }

    @Override
    public String toSvg() {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("SVG encoding failed", e);
        }
    }
}
