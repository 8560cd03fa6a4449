package org.scjava.dsl.pl;

import java.awt.Graphics2D;

/**
 * A key drawn beside the plot area (never over the data): category swatches, a colour bar, a dot-size key. Its size
 * is known before drawing so the chart can reserve room for it.
 */
interface Legend {

    /** Gap between the plot area and its legends, and between stacked legends. */
    double GAP = 14;

    double width();

    double height();

    /** Draws with the top-left corner at (x, y). */
    void draw(Graphics2D g, double x, double y);
}
