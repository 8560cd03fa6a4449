package org.scjava.dsl.core;

import java.util.List;

/**
 * The category levels of a categorical obs/var column, in order, and whether they are ordered (pandas'
 * {@code Categorical.ordered}). Tablesaw has no categorical column type, so the Atlas keeps this beside the
 * dictionary-encoded {@code StringColumn} to write the column back exactly as anndata had it.
 */
public record Categories(List<String> levels, boolean ordered) {
    public Categories {
        levels = List.copyOf(levels);
    }
}
