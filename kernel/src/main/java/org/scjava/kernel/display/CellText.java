package org.scjava.kernel.display;

import tech.tablesaw.api.ColumnType;
import tech.tablesaw.columns.Column;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * How a table cell reads: floating-point values with 4 significant digits ({@code 0.09156}, {@code 1.235e+06},
 * {@code 12}), as R prints and close to pandas' display, so a column can be scanned; the values in the table are
 * not changed. Integers, strings, booleans and dates as Tablesaw writes them; missing values empty.
 */
final class CellText {

    static final int DIGITS = 4;

    private CellText() {
    }

    /** The display text of row {@code r} of {@code c}. */
    static String of(Column<?> c, int r) {
        if (isFloating(c)) {
            return c.isMissing(r) ? "NaN" : number(((Number) c.get(r)).doubleValue()); // Tablesaw's missing is NaN
        }
        if (c.isMissing(r)) {
            return "";
        }
        return c.getString(r);
    }

    /** Numbers are right-aligned so digits line up. */
    static boolean isNumeric(Column<?> c) {
        ColumnType t = c.type();
        return isFloating(c) || t == ColumnType.INTEGER || t == ColumnType.LONG || t == ColumnType.SHORT;
    }

    private static boolean isFloating(Column<?> c) {
        return c.type() == ColumnType.DOUBLE || c.type() == ColumnType.FLOAT;
    }

    /** {@code v} with {@link #DIGITS} significant digits; scientific below 1e-4 and from 1e6 on. */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a >= 1e6 || a < 1e-4) {
            String s = String.format(Locale.ROOT, "%." + (DIGITS - 1) + "e", v);
            return s.replaceFirst("\\.?0+e", "e");
        }
        String s = new BigDecimal(v).round(new MathContext(DIGITS)).stripTrailingZeros().toPlainString();
        return s.equals("-0") ? "0" : s;
    }
}
