package org.scjava.dsl.api;

import java.util.Arrays;

/**
 * One cell's model input as perturbation edits it: token ids in sequence order (special tokens included) and, for
 * value-aware models (scGPT), one input value per token (null for rank-value models such as Geneformer).
 */
public record TokenSequence(int[] ids, float[] values) {

    public TokenSequence {
        if (values != null && values.length != ids.length) {
            throw new IllegalArgumentException(ids.length + " token ids but " + values.length + " values");
        }
    }

    public int length() {
        return ids.length;
    }

    /** Position of {@code token}, or -1. */
    public int indexOf(int token) {
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] == token) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TokenSequence t && Arrays.equals(ids, t.ids) && Arrays.equals(values, t.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(ids) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "TokenSequence" + Arrays.toString(ids);
    }
}
