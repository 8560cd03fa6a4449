package org.scjava.models.api;

import java.util.HashMap;
import java.util.Map;

/**
 * A gene embedding table: {@code genes[i]} has vector {@code vectors[i]} (special tokens excluded).
 */
public record GeneEmbeddings(String[] genes, float[][] vectors) {

    public GeneEmbeddings {
        if (genes.length != vectors.length) {
            throw new IllegalArgumentException(genes.length + " genes but " + vectors.length + " vectors");
        }
    }

    public int dim() {
        return vectors.length == 0 ? 0 : vectors[0].length;
    }

    /** Row index of each gene. */
    public Map<String, Integer> index() {
        Map<String, Integer> m = new HashMap<>(genes.length * 2);
        for (int i = 0; i < genes.length; i++) {
            m.putIfAbsent(genes[i], i);
        }
        return m;
    }
}
