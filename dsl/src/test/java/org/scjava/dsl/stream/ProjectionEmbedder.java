package org.scjava.dsl.stream;

import org.scjava.dsl.api.CellEmbedder;
import org.scjava.dsl.api.GeneMatch;
import org.scjava.dsl.atlas.Atlas;
import org.scjava.dsl.core.AtlasData;
import org.scjava.dsl.core.CsrMatrix;

import java.util.Map;
import java.util.SplittableRandom;

/**
 * A small real cell embedder for the streaming tests (the foundation models live in the models module, which
 * depends on this one): each cell's counts are normalised to 10^4, log1p-transformed and projected on fixed random
 * gene weights. Like the foundation models it embeds every cell independently of the others. {@code failAtCall}
 * makes the n-th embedCells call throw, to test that a failed run leaves the file unchanged.
 */
final class ProjectionEmbedder implements CellEmbedder {

    private final int dim;
    private final long seed;
    private final int failAtCall;
    private int calls;

    ProjectionEmbedder(int dim, long seed, int failAtCall) {
        this.dim = dim;
        this.seed = seed;
        this.failAtCall = failAtCall;
    }

    @Override
    public String name() {
        return "proj";
    }

    @Override
    public GeneMatch matchGenes(AtlasData atlas) {
        return new GeneMatch(atlas.nVars(), atlas.nVars(), "var index", "any gene");
    }

    @Override
    public float[][] embedCells(AtlasData atlas) {
        if (++calls == failAtCall) {
            throw new IllegalStateException("embedder failed on purpose at call " + calls);
        }
        CsrMatrix x = (CsrMatrix) atlas.x();
        float[][] out = new float[x.nRows()][dim];
        for (int r = 0; r < x.nRows(); r++) {
            double total = 0;
            for (int k = x.rowStart(r); k < x.rowEnd(r); k++) {
                total += x.data()[k];
            }
            for (int k = x.rowStart(r); k < x.rowEnd(r); k++) {
                double v = Math.log1p(x.data()[k] * 1e4 / Math.max(total, 1));
                SplittableRandom w = new SplittableRandom(seed * 1_000_003L + x.indices()[k]);
                for (int j = 0; j < dim; j++) {
                    out[r][j] += (float) (v * (w.nextDouble() - 0.5));
                }
            }
        }
        return out;
    }

    @Override
    public Map<String, Object> provenance() {
        return Map.of("seed", seed, "dim", dim);
    }
}
