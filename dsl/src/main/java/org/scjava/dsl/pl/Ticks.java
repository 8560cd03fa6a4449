package org.scjava.dsl.pl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Round tick positions and their labels, as matplotlib's {@code MaxNLocator} picks them: a step of 1, 2, 2.5 or 5
 * times a power of ten giving at most {@code max} ticks inside the range, labels with just the decimals the step
 * needs ({@code 0, 0.25, 0.5}; {@code 0, 5000, 10000}), very large or small magnitudes in scientific notation.
 *
 * @param values tick positions inside the range, ascending
 * @param labels their labels
 */
record Ticks(double[] values, List<String> labels) {

    private static final double[] STEPS = {1, 2, 2.5, 5, 10};

    /** Ticks for [lo, hi] with at most {@code max} (≥ 2) of them. */
    static Ticks of(double lo, double hi, int max) {
        if (!(hi > lo) || !Double.isFinite(lo) || !Double.isFinite(hi)) {
            double v = Double.isFinite(lo) ? lo : 0;
            return new Ticks(new double[] {v}, List.of(format(v, Math.max(Math.abs(v), 1) / 10)));
        }
        double step = step((hi - lo) / Math.max(1, max - 1));
        while (Math.floor(hi / step + 1e-9) - Math.ceil(lo / step - 1e-9) + 1 > max) {
            step = step(step * 1.0001); // the next round step up
        }
        return of(lo, step, hi);
    }

    private static Ticks of(double lo, double step, double hi) {
        long first = (long) Math.ceil(lo / step - 1e-9);
        long last = (long) Math.floor(hi / step + 1e-9);
        double[] v = new double[(int) Math.max(0, last - first + 1)];
        List<String> labels = new ArrayList<>(v.length);
        for (int i = 0; i < v.length; i++) {
            v[i] = (first + i) * step;
            if (Math.abs(v[i]) < step * 1e-9) {
                v[i] = 0;
            }
            labels.add(format(v[i], step));
        }
        return new Ticks(v, List.copyOf(labels));
    }

    /** The smallest round step ≥ {@code raw}. */
    static double step(double raw) {
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double s : STEPS) {
            if (s * mag >= raw * (1 - 1e-9)) {
                return s * mag;
            }
        }
        return 10 * mag;
    }

    /**
     * {@code v} with as many decimals as {@code step} needs, the same for every tick as matplotlib writes them
     * ({@code 0.00, 0.25, 0.50}); scientific from 1e6 on or below 1e-4.
     */
    static String format(double v, double step) {
        double a = Math.abs(v);
        if (v != 0 && (a >= 1e6 || a < 1e-4)) {
            String s = String.format(Locale.ROOT, "%.2e", v);
            return s.replaceAll("\\.?0+e", "e").replace("e+0", "e").replace("e-0", "e-").replace("e+", "e");
        }
        int decimals = (int) Math.max(0, Math.ceil(-Math.log10(step) - 1e-9));
        double scaled = step * Math.pow(10, decimals);
        if (Math.abs(scaled - Math.rint(scaled)) > 1e-6) {
            decimals++; // 0.25, 2.5e-3
        }
        String s = String.format(Locale.ROOT, "%." + decimals + "f", v == 0 ? 0.0 : v);
        return s.startsWith("-") && s.matches("-0(\\.0*)?") ? s.substring(1) : s;
    }

    /** A compact label for an arbitrary value (legend ranges, colour-bar ends): 4 significant digits. */
    static String compact(double v) {
        if (v == 0 || !Double.isFinite(v)) {
            return v == 0 ? "0" : String.valueOf(v);
        }
        double a = Math.abs(v);
        if (a >= 1e6 || a < 1e-4) {
            return format(v, a);
        }
        String s = new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
        return s.equals("-0") ? "0" : s;
    }
}
