package org.scjava.dsl.pl;

import java.awt.Color;

/**
 * Continuous colour maps of matplotlib 3.6, sampled at 33 evenly spaced points ({@code colormaps[name](i / 32)},
 * printed with matplotlib 3.6.3) and interpolated linearly in between: within two 8-bit steps of matplotlib's
 * 256-entry tables (ColormapParityTest), which no eye tells apart. {@link #VIRIDIS} is scanpy's default for continuous values (embeddings, matrix plots),
 * {@link #REDS} the default of scanpy's dot plot.
 */
public enum Colormap {

    VIRIDIS(0x440154, 0x470d60, 0x48186a, 0x482374, 0x472d7b, 0x453781, 0x424086, 0x3e4989, 0x3b528b, 0x375b8d,
            0x33638d, 0x2f6b8e, 0x2c728e, 0x297a8e, 0x26828e, 0x23898e, 0x21918c, 0x1f988b, 0x1fa088, 0x22a785,
            0x28ae80, 0x32b67a, 0x3fbc73, 0x4ec36b, 0x5ec962, 0x70cf57, 0x84d44b, 0x98d83e, 0xaddc30, 0xc2df23,
            0xd8e219, 0xece51b, 0xfde725),
    REDS(0xfff5f0, 0xfff0e8, 0xfeeae1, 0xfee5d9, 0xfee0d2, 0xfdd7c6, 0xfdcdb9, 0xfcc4ad, 0xfcbba1, 0xfcb095,
            0xfca689, 0xfc9c7d, 0xfc9272, 0xfc8767, 0xfb7d5d, 0xfb7353, 0xfb694a, 0xf85d42, 0xf5523a, 0xf24633,
            0xee3a2c, 0xe53228, 0xdc2924, 0xd32020, 0xca181d, 0xc1161b, 0xb71319, 0xad1117, 0xa30f15, 0x940b13,
            0x840711, 0x75030f, 0x67000d);

    private final int[] rgb;

    Colormap(int... rgb) {
        this.rgb = rgb;
    }

    /** The colour at {@code t} in [0, 1] (clamped; NaN gives {@link Palette#NA}). */
    public Color at(double t) {
        if (Double.isNaN(t)) {
            return Palette.NA;
        }
        double x = Math.max(0, Math.min(1, t)) * (rgb.length - 1);
        int a = (int) Math.min(rgb.length - 2, Math.floor(x));
        double f = x - a;
        int c0 = rgb[a];
        int c1 = rgb[a + 1];
        return new Color(mix(c0 >> 16, c1 >> 16, f), mix(c0 >> 8, c1 >> 8, f), mix(c0, c1, f));
    }

    private static int mix(int a, int b, double f) {
        int x = a & 0xff;
        int y = b & 0xff;
        return (int) Math.round(x + f * (y - x));
    }
}
