package org.scjava.models.esm2;

import java.util.List;

/**
 * ESM-2 embeddings of a list of proteins, as {@code scripts/extract.py} writes them per record: {@code perResidue}
 * ({@code per_tok}, [protein][residue][d], positions 1..len), {@code mean} ({@code mean_representations}, the mean of
 * those rows) and {@code bos} ({@code bos_representations}, the {@code <cls>} position), all of hidden layer
 * {@code layer}.
 */
public record ProteinEmbeddings(List<String> labels, int layer, float[][][] perResidue, float[][] mean, float[][] bos) {

    public ProteinEmbeddings {
        labels = List.copyOf(labels);
    }

    public int size() {
        return labels.size();
    }
}
