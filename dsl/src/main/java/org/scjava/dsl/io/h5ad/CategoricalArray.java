package org.scjava.dsl.io.h5ad;

/**
 * A pandas Categorical as anndata stores it: {@code codes} index into {@code levels}; code -1 is missing (NaN).
 * Numeric categories are kept as their decimal strings.
 */
public record CategoricalArray(String[] levels, int[] codes, boolean ordered) {

    public String value(int i) {
        int c = codes[i];
        return c < 0 ? null : levels[c];
    }

    public int size() {
        return codes.length;
    }
}
