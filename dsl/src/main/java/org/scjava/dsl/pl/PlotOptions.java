package org.scjava.dsl.pl;

/**
 * Common figure options. {@code pointSize} 0 = chosen from the number of points (scanpy: 120000 / n).
 * {@code maxPoints} caps how many points a scatter draws (a seeded, colour-stratified sample is drawn beyond it);
 * 0 = draw all.
 */
public record PlotOptions(int width, int height, String title, int pointSize, int maxPoints, long seed) {

    public static PlotOptions defaults() {
        return new PlotOptions(640, 480, null, 0, 0, 0);
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
}
