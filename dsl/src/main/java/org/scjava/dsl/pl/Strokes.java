package org.scjava.dsl.pl;

import java.awt.BasicStroke;
import java.awt.Stroke;

/** Line widths of figures, in pixels at 96 dpi (matplotlib's 0.8 pt axes lines are about 1 px). */
final class Strokes {

    static final Stroke AXIS = new BasicStroke(1f);
    static final Stroke THIN = new BasicStroke(0.6f);
    static final Stroke LINE = new BasicStroke(1.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);

    private Strokes() {
    }
}
