package org.scjava.dsl.tl;

import org.scjava.dsl.core.AtlasData;
import org.scjava.dsl.core.AtlasException;
import org.scjava.dsl.core.CsrMatrix;
import org.scjava.dsl.core.DenseMatrix;
import org.scjava.dsl.core.Matrix;
import org.scjava.dsl.pp.ColumnStats;
import org.scjava.dsl.pp.HighlyVariableGenes;
import org.scjava.dsl.pp.Log1p;
import org.scjava.dsl.pp.NormalizeTotal;
import org.scjava.dsl.pp.Pca;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The HVG + PCA embedding space, the classical baseline for foundation-model embeddings (the space scanpy's and
 * Seurat's reference mapping work in; e.g. Seurat's {@code FindTransferAnchors(reduction = "pcaproject")}):
 * {@link #fit} learns it on a reference (counts → normalise 1e4 → log1p → 2000 seurat HVGs → z-score → PCA) and
 * {@link #transform} projects any Atlas with those genes into it, using the reference's gene means, sds and
 * loadings (genes missing from the query count as zero expression, reported as the match rate).
 *
 * <p>{@link #transform} <b>reads</b> counts ({@code layers["counts"]} when present, else X) and <b>writes</b>
 * {@code obsm[keyAdded]} (default "X_hvgpca") and {@code uns[keyAdded] = {genes_matched, n_genes, n_comps}}.
 * <b>Memory</b>: genes × comps loadings; the query is never densified.
 */
public final class HvgPcaSpace {

    private final List<String> genes;
    private final double[] mean;
    private final double[] std;
    private final double[][] components;

    private HvgPcaSpace(List<String> genes, double[] mean, double[] std, double[][] components) {
        this.genes = List.copyOf(genes);
        this.mean = mean;
        this.std = std;
        this.components = components;
    }

    /** Fits the space on a reference Atlas holding raw counts (in layers["counts"] or X). */
    public static HvgPcaSpace fit(AtlasData reference, int nTopGenes, int nComps, long seed) {
        AtlasData ref = new AtlasData(counts(reference), reference.obs().copy(), reference.var().copy());
        NormalizeTotal.apply(ref, NormalizeTotal.Options.defaults().withTargetSum(1e4).withTotalsKey(null));
        Log1p.apply(ref);
        HighlyVariableGenes.apply(ref, HighlyVariableGenes.Options.defaults().withNTopGenes(nTopGenes));
        List<String> hv = new ArrayList<>();
        List<String> names = ref.varNames();
        boolean[] mask = org.scjava.dsl.pp.Columns.highlyVariableMask(ref);
        int[] cols = new int[nTopGenes];
        int c = 0;
        for (int j = 0; j < mask.length; j++) {
            if (mask[j] && c < nTopGenes) {
                hv.add(names.get(j));
                cols[c++] = j;
            }
        }
        cols = java.util.Arrays.copyOf(cols, c);
        Matrix sub = ref.x().selectCols(cols);
        ColumnStats st = ColumnStats.of(sub);
        double[] sd = st.stdOrOne();
        org.scjava.dsl.pp.Scale.Transform t = new org.scjava.dsl.pp.Scale.Transform(st.mean(), sd, true, 10);
        Pca.Result r = Pca.compute(sub, range(c), t, Pca.Options.defaults().withNComps(nComps).withSeed(seed));
        return new HvgPcaSpace(hv, st.mean(), sd, r.components());
    }

    /** Genes of the space, in loading order. */
    public List<String> genes() {
        return genes;
    }

    /** Projects {@code atlas} (raw counts) into the space, writing obsm[keyAdded]. */
    public AtlasData transform(AtlasData atlas, String keyAdded) {
        return transform(atlas, keyAdded, false);
    }

    /**
     * As {@link #transform(Atlas, String)}; with {@code scaleOwn} the Atlas's genes are z-scored with its own means
     * and sds instead of the reference's (Seurat scales each dataset before integrating): this removes dataset-wide
     * offsets between technologies, which reference mapping across datasets needs (issue 7).
     */
    public AtlasData transform(AtlasData atlas, String keyAdded, boolean scaleOwn) {
        long start = System.nanoTime();
        CsrMatrix x = (CsrMatrix) NormalizeTotal.normalize(toCsr(counts(atlas)), 1e4);
        x = (CsrMatrix) Log1p.log1p(x);
        Map<String, Integer> index = new HashMap<>();
        List<String> names = atlas.varNames();
        for (int j = 0; j < names.size(); j++) {
            index.putIfAbsent(names.get(j), j);
        }
        int[] spaceCol = new int[atlas.nVars()];
        java.util.Arrays.fill(spaceCol, -1);
        int matched = 0;
        for (int s = 0; s < genes.size(); s++) {
            Integer j = index.get(genes.get(s));
            if (j != null) {
                spaceCol[j] = s;
                matched++;
            }
        }
        if (matched == 0) {
            throw new AtlasException("HVG+PCA space: none of its " + genes.size() + " genes is in the query's var");
        }
        double[] mean = this.mean;
        double[] std = this.std;
        if (scaleOwn) { // genes missing from the AtlasData keep mean 0, sd 1: they contribute nothing
            ColumnStats own = ColumnStats.of(x);
            double[] sd = own.stdOrOne();
            mean = new double[genes.size()];
            std = new double[genes.size()];
            java.util.Arrays.fill(std, 1);
            for (int j = 0; j < spaceCol.length; j++) {
                if (spaceCol[j] >= 0) {
                    mean[spaceCol[j]] = own.mean()[j];
                    std[spaceCol[j]] = sd[j];
                }
            }
        }
        int k = components.length;
        double[] offset = new double[k];
        for (int c = 0; c < k; c++) {
            for (int s = 0; s < genes.size(); s++) {
                offset[c] += clip(-mean[s] / std[s]) * components[c][s];
            }
        }
        float[] out = new float[atlas.nObs() * k];
        for (int i = 0; i < atlas.nObs(); i++) {
            for (int c = 0; c < k; c++) {
                double v = offset[c];
                for (int p = x.rowStart(i); p < x.rowEnd(i); p++) {
                    int s = spaceCol[x.indices()[p]];
                    if (s >= 0) {
                        v += (clip((x.data()[p] - mean[s]) / std[s]) - clip(-mean[s] / std[s])) * components[c][s];
                    }
                }
                out[i * k + c] = (float) v;
            }
        }
        atlas.putObsm(keyAdded, new DenseMatrix(atlas.nObs(), k, out));
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("genes_matched", matched);
        info.put("n_genes", genes.size());
        info.put("n_comps", k);
        info.put("scaled_with", scaleOwn ? "own" : "reference");
        atlas.uns().put(keyAdded, info);
        return atlas.record("hvgPcaTransform", info, start, "wrote obsm['" + keyAdded + "'] (" + matched + "/"
                + genes.size() + " genes matched)");
    }

    private static double clip(double z) {
        return Math.max(-10, Math.min(10, z));
    }

    private static Matrix counts(AtlasData a) {
        return a.layers().containsKey("counts") ? a.layer("counts") : a.x();
    }

    private static CsrMatrix toCsr(Matrix m) {
        return m instanceof CsrMatrix c ? c : ((DenseMatrix) m).toCsr();
    }

    private static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }
}
