package org.scjava.dsl.io.h5ad;

/**
 * anndata's {@code nullable-integer} / {@code nullable-boolean} (pandas' Int64 / boolean extension arrays):
 * {@code values} plus a {@code mask} where true marks a missing entry. {@code values} is a long[] for integers or a
 * boolean[] for booleans; {@code dtype} is the stored numpy type of the values.
 */
public record NullableArray(Object values, boolean[] mask, String dtype) {

    public boolean isBoolean() {
        return values instanceof boolean[];
    }

    public int size() {
        return mask.length;
    }
}
