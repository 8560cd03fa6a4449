package org.scjava.models.api;

import java.util.Arrays;

/**
 * One cell's model input: token ids in sequence order and, for value-aware models (scGPT), one input value per token
 * (null for rank-based models such as Geneformer). Special tokens ({@code <cls>}, {@code <eos>}) are included. Edit a
 * copy ({@link #withIds}) to run perturbations on the same forward path.
 */
public record CellTokens(int[] ids, float[] values) {

    public CellTokens {
        if (values != null && values.length != ids.length) {
            throw new IllegalArgumentException(ids.length + " token ids but " + values.length + " values");
        }
    }

    public int length() {
        return ids.length;
    }

    public CellTokens withIds(int[] newIds) {
        return new CellTokens(newIds.clone(), null);
    }

    public CellTokens withIdsAndValues(int[] newIds, float[] newValues) {
        return new CellTokens(newIds.clone(), newValues == null ? null : newValues.clone());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CellTokens c && Arrays.equals(ids, c.ids) && Arrays.equals(values, c.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(ids) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "CellTokens(length " + ids.length + ")";
    }
}
