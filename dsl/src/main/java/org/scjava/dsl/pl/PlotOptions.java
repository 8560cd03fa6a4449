package org.scjava.dsl.pl;

/**
 * Common figure options. {@code width}/{@code height}: the figure size in pixels at 96 dpi, 0 = the plot's natural
 * size (from the number of cells, genes or groups). {@code pointSize}: dot diameter in pixels, 0 = chosen from the
 * number of points (scanpy: 120000 / n). {@code maxPoints} caps how many points a scatter draws (a seeded sample is
 * drawn beyond it); 0 = draw all. {@code seed} fixes the drawing order and jitter.
 */
public record PlotOptions(int width, int height, String title, int pointSize, int maxPoints, long seed) {

    public static PlotOptions defaults() {
        return new PlotOptions(0, 0, null, 0, 0, 0);
    }

    public PlotOptions withSize(int w, int h) {
        return new PlotOptions(w, h, title, pointSize, maxPoints, seed);
    }

    public PlotOptions withTitle(String v) {
        return new PlotOptions(width, height, v, pointSize, maxPoints, seed);
    }

    public PlotOptions withPointSize(int v) {
        return new PlotOptions(width, height, title, v, maxPoints, seed);
    }

    public PlotOptions withMaxPoints(int v) {
        return new PlotOptions(width, height, title, pointSize, v, seed);
    }

    public PlotOptions withSeed(long v) {
        return new PlotOptions(width, height, title, pointSize, maxPoints, v);
    }
}
