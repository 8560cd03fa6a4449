package org.scjava.dsl.stream;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.scjava.dsl.core.AtlasException;
import org.scjava.dsl.core.CsrMatrix;
import org.scjava.dsl.core.Matrix;
import org.scjava.dsl.core.Progress;
import org.scjava.dsl.io.BackedH5ad;
import org.scjava.dsl.io.h5ad.ObsmAppender;
import org.scjava.dsl.pp.ColumnStats;
import org.scjava.dsl.pp.HighlyVariableGenes;
import org.scjava.dsl.pp.Log1p;
import org.scjava.dsl.pp.NormalizeTotal;
import tech.tablesaw.api.BooleanColumn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * scanpy's preprocessing chain on an atlas larger than memory, in passes over row blocks of a {@link BackedH5ad}:
 * each block goes through the same in-memory verbs ({@link NormalizeTotal#normalize}, {@link Log1p#log1p}), and
 * only per-gene sums (O(genes)) or the HVG Gram matrix (O(n_hvg²)) are kept between blocks.
 *
 * <ul>
 *   <li>{@link #highlyVariableGenes}: scanpy's {@code seurat} flavor (see {@link HighlyVariableGenes}) from column
 *       stats summed over blocks; writes {@code var["means"]}, {@code var["dispersions"]},
 *       {@code var["dispersions_norm"]}, {@code var["highly_variable"]} into the handle's var.</li>
 *   <li>{@link #pca}: exact PCA of the zero-centred (optionally unit-scaled) log-normalised HVG columns: the HVG
 *       covariance is accumulated from sparse rows, eigendecomposed (EJML), and the scores are streamed into
 *       {@code obsm[keyAdded]} of the file; signs follow scikit-learn's {@code svd_flip} like the in-memory
 *       {@link org.scjava.dsl.pp.Pca}, which costs one more pass. Memory O(n_hvg²); passes: covariance, signs,
 *       scores. Equal to the in-memory {@code pca} on the same genes up to the eigen-solver's precision.</li>
 * </ul>
 */
public final class BackedAnalysis {

    private BackedAnalysis() {
    }

    /** Log-normalised rows [from, to): normalize_total(targetSum) then log1p, exactly the in-memory verbs. */
    static CsrMatrix logNormalized(BackedH5ad b, int from, int to, double targetSum) {
        Matrix m = Log1p.log1p(NormalizeTotal.normalize(b.readRows(from, to), targetSum));
        return (CsrMatrix) m;
    }

    private static void forBlocks(BackedH5ad b, int block, String task, Consumer<int[]> body) {
        try (Progress p = Progress.start(task, b.nObs(), "cells")) {
            for (int from = 0; from < b.nObs(); from += block) {
                int to = Math.min(b.nObs(), from + block);
                body.accept(new int[] {from, to});
                p.step(to - from);
            }
        }
    }

    /** Column stats of the normalised values (expm1 of the log-normalised X), summed over blocks. */
    public static ColumnStats normalizedStats(BackedH5ad b, double targetSum, int block) {
        double[] sum = new double[b.nVars()];
        double[] sumSq = new double[b.nVars()];
        forBlocks(b, block, "normalized stats", r -> {
            CsrMatrix x = logNormalized(b, r[0], r[1], targetSum);
            for (int k = 0; k < x.nnz(); k++) {
                double v = Math.expm1(x.data()[k]);
                sum[x.indices()[k]] += v;
                sumSq[x.indices()[k]] += v * v;
            }
        });
        return ColumnStats.fromSums(sum, sumSq, b.nObs());
    }

    /** Marks highly variable genes (seurat flavor) in the handle's var; returns the mask. */
    public static boolean[] highlyVariableGenes(BackedH5ad b, HighlyVariableGenes.Options o, double targetSum, int block) {
        if (o.flavor() != HighlyVariableGenes.Flavor.SEURAT) {
            throw new AtlasException("backed highlyVariableGenes supports the seurat flavor (streamed column stats); "
                    + "for seurat_v3 load a subset in memory");
        }
        long start = System.nanoTime();
        boolean[] hv = HighlyVariableGenes.markSeurat(b.var(), normalizedStats(b, targetSum, block), o);
        if (b.var().containsColumn("highly_variable")) {
            b.var().removeColumns("highly_variable");
        }
        b.var().addColumns(BooleanColumn.create("highly_variable", hv));
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("n_top_genes", o.nTopGenes());
        p.put("flavor", o.flavor().scanpyName());
        p.put("target_sum", targetSum);
        p.put("backed", true);
        b.history().add("highlyVariableGenes", p, start);
        return hv;
    }

    /** Result of {@link #pca}: components (k × hvg genes), variances and ratios; scores are in the file. */
    public record PcaResult(int[] genes, double[][] components, double[] variance, double[] varianceRatio) {
    }

    /**
     * PCA of the log-normalised highly variable genes ({@code var["highly_variable"]}, from
     * {@link #highlyVariableGenes}), streamed into {@code obsm[keyAdded]}.
     */
    public static PcaResult pca(BackedH5ad b, int nComps, boolean scale, double targetSum, int block, String keyAdded) {
        long start = System.nanoTime();
        int[] genes = hvgColumns(b);
        int p = genes.length;
        if (nComps < 1 || nComps >= Math.min(b.nObs(), p)) {
            throw new AtlasException("pca: nComps must be in 1.." + (Math.min(b.nObs(), p) - 1) + ", got " + nComps);
        }
        double[] sum = new double[p];
        double[] gram = new double[p * p];
        forBlocks(b, block, "pca covariance", r -> accumulate(logNormalized(b, r[0], r[1], targetSum).selectCols(genes),
                sum, gram));
        int n = b.nObs();
        double[] mean = new double[p];
        double[] sd = new double[p];
        for (int a = 0; a < p; a++) {
            mean[a] = sum[a] / n;
        }
        DMatrixRMaj cov = new DMatrixRMaj(p, p);
        for (int a = 0; a < p; a++) {
            for (int c = 0; c <= a; c++) {
                double v = (gram[a * p + c] - n * mean[a] * mean[c]) / (n - 1);
                cov.set(a, c, v);
                cov.set(c, a, v);
            }
        }
        double total = 0;
        for (int a = 0; a < p; a++) {
            sd[a] = scale && cov.get(a, a) > 0 ? Math.sqrt(cov.get(a, a)) : 1;
        }
        for (int a = 0; a < p; a++) {
            for (int c = 0; c < p; c++) {
                cov.set(a, c, cov.get(a, c) / (sd[a] * sd[c]));
            }
            total += cov.get(a, a);
        }
        double[][] comps = new double[nComps][];
        double[] var = new double[nComps];
        topEigen(cov, comps, var);
        double[] offset = new double[nComps];
        for (int c = 0; c < nComps; c++) {
            for (int a = 0; a < p; a++) {
                comps[c][a] /= sd[a]; // scores = x · (v / sd) − mean · (v / sd)
                offset[c] += mean[a] * comps[c][a];
            }
        }
        flipSigns(b, genes, comps, offset, targetSum, block);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("n_comps", nComps);
        params.put("zero_center", true);
        params.put("scaled", scale);
        params.put("n_genes_used", p);
        params.put("key_added", keyAdded);
        params.put("backed", true);
        b.history().add("pca", params, start);
        writeScores(b, genes, comps, offset, targetSum, block, keyAdded);
        double[] ratio = new double[nComps];
        for (int c = 0; c < nComps; c++) {
            ratio[c] = var[c] / total;
            for (int a = 0; a < p; a++) {
                comps[c][a] *= sd[a]; // report unit-norm components as the in-memory verb does
            }
        }
        return new PcaResult(genes, comps, var, ratio);
    }

    private static int[] hvgColumns(BackedH5ad b) {
        if (!b.var().containsColumn("highly_variable")) {
            throw new AtlasException("pca (backed) uses var['highly_variable']; run highlyVariableGenes first");
        }
        BooleanColumn hv = b.var().booleanColumn("highly_variable");
        List<Integer> cols = new ArrayList<>();
        for (int j = 0; j < hv.size(); j++) {
            if (hv.get(j)) {
                cols.add(j);
            }
        }
        return cols.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Adds the block's column sums and its Gram matrix XᵀX (lower triangle, from each row's non-zero pairs). */
    private static void accumulate(CsrMatrix x, double[] sum, double[] gram) {
        int p = sum.length;
        for (int r = 0; r < x.nRows(); r++) {
            int lo = x.rowStart(r);
            int hi = x.rowEnd(r);
            for (int i = lo; i < hi; i++) {
                int a = x.indices()[i];
                double va = x.data()[i];
                sum[a] += va;
                int rowBase = a * p;
                for (int j = lo; j <= i; j++) {
                    gram[rowBase + x.indices()[j]] += va * x.data()[j];
                }
            }
        }
    }

    private static void topEigen(DMatrixRMaj cov, double[][] comps, double[] var) {
        int p = cov.numRows;
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(p, true, true);
        if (!eig.decompose(cov.copy())) {
            throw new AtlasException("pca: the eigendecomposition of the " + p + " x " + p + " covariance failed");
        }
        Integer[] order = new Integer[p];
        for (int i = 0; i < p; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (i, j) -> Double.compare(eig.getEigenvalue(j).real, eig.getEigenvalue(i).real));
        for (int c = 0; c < comps.length; c++) {
            DMatrixRMaj v = eig.getEigenVector(order[c]);
            comps[c] = v.getData().clone();
            var[c] = Math.max(0, eig.getEigenvalue(order[c]).real);
        }
    }

    /** scikit-learn's svd_flip (u-based): the largest-|score| cell of each component gets a positive score. */
    private static void flipSigns(BackedH5ad b, int[] genes, double[][] comps, double[] offset, double targetSum, int block) {
        int k = comps.length;
        double[] extreme = new double[k];
        forBlocks(b, block, "pca signs", r -> {
            float[] s = project(logNormalized(b, r[0], r[1], targetSum).selectCols(genes), comps, offset);
            for (int i = 0; i < s.length; i++) {
                int c = i % k;
                if (Math.abs(s[i]) > Math.abs(extreme[c])) {
                    extreme[c] = s[i];
                }
            }
        });
        for (int c = 0; c < k; c++) {
            if (extreme[c] < 0) {
                offset[c] = -offset[c];
                for (int a = 0; a < comps[c].length; a++) {
                    comps[c][a] = -comps[c][a];
                }
            }
        }
    }

    private static void writeScores(BackedH5ad b, int[] genes, double[][] comps, double[] offset, double targetSum,
                                    int block, String keyAdded) {
        ObsmAppender out = ObsmAppender.open(b.path(), keyAdded, b.nObs(), comps.length);
        try {
            forBlocks(b, block, "pca scores", r -> {
                float[] s = project(logNormalized(b, r[0], r[1], targetSum).selectCols(genes), comps, offset);
                out.append(s, 0, s.length);
            });
            out.withHistory(b.history().toJson()).close();
        } catch (RuntimeException e) {
            out.abort();
            throw e;
        }
        b.reopen();
    }

    /** Row-major scores: Σ_a x_a · comp_a − offset, over the row's non-zeros. */
    private static float[] project(CsrMatrix x, double[][] comps, double[] offset) {
        int k = comps.length;
        float[] out = new float[x.nRows() * k];
        for (int r = 0; r < x.nRows(); r++) {
            for (int c = 0; c < k; c++) {
                double s = -offset[c];
                double[] w = comps[c];
                for (int i = x.rowStart(r); i < x.rowEnd(r); i++) {
                    s += x.data()[i] * w[x.indices()[i]];
                }
                out[r * k + c] = (float) s;
            }
        }
        return out;
    }
}
