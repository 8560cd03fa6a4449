package org.scjava.dsl.pl;

import java.awt.Color;

/**
 * Colours: a 20-colour categorical palette (scanpy's default {@code default_20}, i.e. matplotlib tab20 reordered
 * with the strong colours first, then the light ones) and a viridis ramp for continuous values.
 */
public final class Palette {

    private static final int[] CATEGORICAL = {
        0x1f77b4, 0xff7f0e, 0x279e68, 0xd62728, 0xaa40fc, 0x8c564b, 0xe377c2, 0xb5bd61, 0x17becf, 0xaec7e8,
        0xffbb78, 0x98df8a, 0xff9896, 0xc5b0d5, 0xc49c94, 0xf7b6d2, 0xdbdb8d, 0x9edae5, 0xad494a, 0x8c6d31};

    /** Viridis anchor points (0, 0.25, 0.5, 0.75, 1). */
    private static final int[] VIRIDIS = {0x440154, 0x3b528b, 0x21918c, 0x5ec962, 0xfde725};

    private Palette() {
    }

    /** The colour of category {@code i} (cycling after 20; the 21st+ are darkened so they stay distinct). */
    public static Color categorical(int i) {
        Color c = new Color(CATEGORICAL[i % CATEGORICAL.length]);
        return i < CATEGORICAL.length ? c : c.darker();
    }

    /** Viridis at {@code t} in [0, 1]. */
    public static Color viridis(double t) {
        double x = Math.max(0, Math.min(1, t)) * (VIRIDIS.length - 1);
        int a = (int) Math.min(VIRIDIS.length - 2, Math.floor(x));
        double f = x - a;
        Color c0 = new Color(VIRIDIS[a]);
        Color c1 = new Color(VIRIDIS[a + 1]);
        return new Color((int) Math.round(c0.getRed() + f * (c1.getRed() - c0.getRed())),
                (int) Math.round(c0.getGreen() + f * (c1.getGreen() - c0.getGreen())),
                (int) Math.round(c0.getBlue() + f * (c1.getBlue() - c0.getBlue())));
    }
}
