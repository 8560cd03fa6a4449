package org.scjava.models.scfoundation;

/**
 * {@code get_embedding.py --tgthighres}: the value of the T (target total count) token, given the cell's S token
 * {@code log10(total)}: {@code t<k>} sets T = k, {@code f<k>} sets T = log10(total·k), {@code a<k>} sets
 * T = log10(total) + k. The default {@code t4}.
 */
public record Resolution(char kind, double amount) {

    public Resolution {
        if (kind != 't' && kind != 'f' && kind != 'a') {
            throw new IllegalArgumentException("tgthighres must start with t, f or a (e.g. t4, f2, a5); got '" + kind + "'");
        }
    }

    public static Resolution parse(String s) {
        if (s == null || s.length() < 2) {
            throw new IllegalArgumentException("tgthighres must look like t4, f2 or a5; got '" + s + "'");
        }
        try {
            return new Resolution(s.charAt(0), Double.parseDouble(s.substring(1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("tgthighres must look like t4, f2 or a5; got '" + s + "'", e);
        }
    }

    /** The T value for a cell whose (gene-list) total is {@code total}. */
    double target(double total) {
        return switch (kind) {
            case 'f' -> Math.log10(total * amount);
            case 'a' -> Math.log10(total) + amount;
            default -> amount;
        };
    }

    @Override
    public String toString() {
        String a = amount == Math.rint(amount) ? String.valueOf((long) amount) : String.valueOf(amount);
        return kind + a;
    }
}
