package org.scjava.kernel.display;

/** HTML text helpers for the renderers. */
public final class Html {

    private Html() {
    }

    /**
     * Left-aligned cell text: Jupyter's stylesheets right-align every table cell, which suits numbers but not names
     * and sentences; a table's own style does not reach its cells, so each cell carries it.
     */
    static final String LEFT = " style=\"text-align:left\"";

    /** Right-aligned, digits of equal width, on one line (numbers, times). */
    static final String NUMBER = " style=\"text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums\"";

    public static String escape(Object value) {
        String s = String.valueOf(value);
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Thousands separators, as a reader expects for cell and gene counts. */
    static String count(long n) {
        return String.format(java.util.Locale.ROOT, "%,d", n);
    }
}
