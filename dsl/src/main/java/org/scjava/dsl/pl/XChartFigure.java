package org.scjava.dsl.pl;

import org.knowm.xchart.internal.chartpart.Chart;

import java.awt.Graphics2D;

/** A {@link Figure} of a chart built with XChart directly (so it can be saved, or placed in a {@link GridFigure}). */
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
    public void paint(Graphics2D g, boolean vector) {
        chart.paint(g, chart.getWidth(), chart.getHeight());
    }
}
