package org.scjava.dsl.pl;

import java.awt.Graphics2D;

/** Something a chart draws inside its plot area (points, violins, bars, cells), in data coordinates. */
@FunctionalInterface
interface Mark {

    void draw(Graphics2D g, Plot p);

    /**
     * The laid-out plot area of a chart: maps data values to pixels.
     *
     * @param vector true when drawing SVG/PDF
     */
    record Plot(Axis x, Axis y, double left, double top, double width, double height, boolean vector) {

        double px(double v) {
            return x.map(v, left, left + width);
        }

        /** y grows upwards (the axis' lo at the bottom). */
        double py(double v) {
            return y.map(v, top + height, top);
        }

        /** Pixels per x data unit (a category band). */
        double unitX() {
            return x.unit(left, left + width);
        }

        double unitY() {
            return y.unit(top + height, top);
        }

        double bottom() {
            return top + height;
        }

        double right() {
            return left + width;
        }
    }
}
