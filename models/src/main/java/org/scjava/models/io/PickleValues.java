package org.scjava.models.io;

/**
 * Short descriptions of unpickled values for error messages. A hostile pickle can nest lists a million deep or share
 * sub-lists so the tree is exponentially large, so {@code toString()} (which recurses through it) is never used on
 * unpickled data: numbers and strings are shown (abbreviated), anything else by its type and size.
 */
final class PickleValues {

    private PickleValues() {
    }

    static String describe(Object v) {
        if (v == null) {
            return "None";
        }
        if (v instanceof Number || v instanceof Boolean) {
            return v.getClass().getSimpleName() + " " + abbreviate(v.toString());
        }
        if (v instanceof CharSequence s) {
            return "'" + abbreviate(s.toString()) + "'";
        }
        if (v instanceof Object[] t) {
            return "a tuple of " + t.length;
        }
        if (v instanceof java.util.Collection<?> c) {
            return "a " + v.getClass().getSimpleName() + " of " + c.size();
        }
        if (v instanceof java.util.Map<?, ?> m) {
            return "a dict of " + m.size();
        }
        return "a " + v.getClass().getSimpleName();
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
