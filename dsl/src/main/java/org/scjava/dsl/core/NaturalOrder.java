package org.scjava.dsl.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Natural order of labels, as Python's {@code natsort} (which scanpy uses for Leiden/Louvain categories): runs of
 * digits compare as numbers, so {@code "2" < "10"} and {@code "cluster 9" < "cluster 10"}; other text compares
 * case-insensitively, ties broken by plain string order. Signs and decimals are read as numbers when the whole
 * label is one ({@code "-1" < "0.5" < "2"}).
 */
public final class NaturalOrder implements Comparator<String> {

    /** The comparator (stateless). */
    public static final NaturalOrder INSTANCE = new NaturalOrder();

    private NaturalOrder() {
    }

    /** A sorted copy of {@code labels} in natural order. */
    public static List<String> sorted(Collection<String> labels) {
        List<String> out = new ArrayList<>(labels);
        out.sort(INSTANCE);
        return out;
    }

    /**
     * True when {@code levels} look like numbers stored in plain string order ({@code 0, 1, 10, 11, 2}): the order a
     * pandas {@code astype("category")} or a string sort gives numeric labels, not one a person chose.
     */
    public static boolean isAccidentalStringOrder(List<String> levels) {
        if (levels.size() < 2 || !levels.stream().allMatch(NaturalOrder::isNumber)) {
            return false;
        }
        List<String> plain = new ArrayList<>(levels);
        plain.sort(Comparator.naturalOrder());
        return plain.equals(levels) && !sorted(levels).equals(levels);
    }

    /** {@code levels} in natural order when their stored order is an accidental string order, else unchanged. */
    public static List<String> display(List<String> levels) {
        return isAccidentalStringOrder(levels) ? sorted(levels) : levels;
    }

    @Override
    public int compare(String a, String b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : 1) : -1;
        }
        if (isNumber(a) && isNumber(b)) {
            int c = Double.compare(Double.parseDouble(a), Double.parseDouble(b));
            return c != 0 ? c : a.compareTo(b);
        }
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (isDigit(ca) && isDigit(cb)) {
                int ei = digitsEnd(a, i);
                int ej = digitsEnd(b, j);
                int c = compareDigits(a.substring(i, ei), b.substring(j, ej));
                if (c != 0) {
                    return c;
                }
                i = ei;
                j = ej;
            } else {
                int c = Character.compare(Character.toLowerCase(ca), Character.toLowerCase(cb));
                if (c != 0) {
                    return c;
                }
                i++;
                j++;
            }
        }
        int c = Integer.compare(a.length() - i, b.length() - j);
        return c != 0 ? c : a.compareTo(b);
    }

    private static int digitsEnd(String s, int from) {
        int k = from;
        while (k < s.length() && isDigit(s.charAt(k))) {
            k++;
        }
        return k;
    }

    /** Two digit runs as numbers of any length (leading zeros ignored, then the shorter run first). */
    private static int compareDigits(String x, String y) {
        String a = x.replaceFirst("^0+(?=.)", "");
        String b = y.replaceFirst("^0+(?=.)", "");
        int c = Integer.compare(a.length(), b.length());
        if (c != 0) {
            return c;
        }
        c = a.compareTo(b);
        return c != 0 ? c : Integer.compare(x.length(), y.length());
    }

    private static boolean isDigit(char ch) {
        return ch >= '0' && ch <= '9';
    }

    static boolean isNumber(String s) {
        if (s.isEmpty() || s.length() > 40) {
            return false;
        }
        boolean digit = false;
        boolean dot = false;
        for (int k = 0; k < s.length(); k++) {
            char ch = s.charAt(k);
            if (isDigit(ch)) {
                digit = true;
            } else if (ch == '.' && !dot) {
                dot = true;
            } else if (!((ch == '-' || ch == '+') && k == 0)) {
                return false;
            }
        }
        return digit;
    }
}
