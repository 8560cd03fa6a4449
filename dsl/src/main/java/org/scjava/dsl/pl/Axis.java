package org.scjava.dsl.pl;

import java.util.List;

/**
 * One axis of a chart: numeric (a data range with round ticks) or categorical (one band per label, value {@code i}
 * at the centre of band {@code i}), with a title. {@code ticks=false} hides tick marks and labels (embeddings, whose
 * coordinates mean nothing).
 *
 * @param title      axis title, or "" for none
 * @param lo         the data value at the start of the axis
 * @param hi         the data value at its end
 * @param ticks      round ticks (numeric axes)
 * @param categories band labels (categorical axes), else null
 * @param showTicks  whether tick marks and labels are drawn
 * @param rotation   preferred rotation (degrees) of category labels that do not fit horizontally: 45 or 90
 */
record Axis(String title, double lo, double hi, Ticks ticks, List<String> categories, boolean showTicks,
            double rotation) {

    /** At most this many ticks on a numeric axis. */
    static final int MAX_TICKS = 7;

    /** A numeric axis over the data range of {@code values}, padded by 5 % on each side (matplotlib's margins). */
    static Axis numeric(String title, double min, double max) {
        double span = max - min;
        double pad = span > 0 ? span * 0.05 : Math.max(Math.abs(min) * 0.05, 0.5);
        return range(title, min - pad, max + pad);
    }

    /** A numeric axis over exactly [lo, hi]. */
    static Axis range(String title, double lo, double hi) {
        return new Axis(title == null ? "" : title, lo, hi, Ticks.of(lo, hi, MAX_TICKS), null, true, 45);
    }

    /** A numeric axis from 0 (bars, counts) to a padded maximum. */
    static Axis fromZero(String title, double max) {
        return range(title, 0, max > 0 ? max * 1.05 : 1);
    }

    /** A categorical axis, one band per label. */
    static Axis categories(String title, List<String> labels) {
        return new Axis(title == null ? "" : title, -0.5, labels.size() - 0.5, null, List.copyOf(labels), true, 45);
    }

    boolean categorical() {
        return categories != null;
    }

    Axis hideTicks() {
        return new Axis(title, lo, hi, ticks, categories, false, rotation);
    }

    Axis rotation(double degrees) {
        return new Axis(title, lo, hi, ticks, categories, showTicks, degrees);
    }

    /** Reversed direction (categories listed top-down on a y axis). */
    Axis reversed() {
        return new Axis(title, hi, lo, ticks, categories, showTicks, rotation);
    }

    /** Tick positions: round values, or the band centres. */
    double[] tickValues() {
        if (categorical()) {
            return java.util.stream.IntStream.range(0, categories.size()).asDoubleStream().toArray();
        }
        return ticks.values();
    }

    List<String> tickLabels() {
        return categorical() ? categories : ticks.labels();
    }

    /** Pixel position of data value {@code v} on an axis drawn from pixel {@code p0} (at lo) to {@code p1} (at hi). */
    double map(double v, double p0, double p1) {
        return p0 + (v - lo) / (hi - lo) * (p1 - p0);
    }

    /** Pixels per data unit (band width for categories). */
    double unit(double p0, double p1) {
        return Math.abs(p1 - p0) / Math.abs(hi - lo);
    }
}
