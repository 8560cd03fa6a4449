package org.scjava.models.api;

import org.scjava.dsl.api.GeneMatch;

import java.util.List;

/**
 * The model input of every cell of an Atlas, in obs order, with the gene match and the batches (cell indices,
 * longest first) the runtime will run.
 */
public record TokenizedCells(List<CellTokens> cells, GeneMatch match, List<int[]> batches) {

    public TokenizedCells {
        cells = List.copyOf(cells);
        batches = List.copyOf(batches);
    }

    public int size() {
        return cells.size();
    }

    public CellTokens cell(int i) {
        return cells.get(i);
    }

    public int[] lengths() {
        return cells.stream().mapToInt(CellTokens::length).toArray();
    }
}
