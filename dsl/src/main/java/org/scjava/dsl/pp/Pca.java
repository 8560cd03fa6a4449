package org.scjava.dsl.pp;

import org.scjava.dsl.core.AtlasData;
import org.scjava.dsl.core.AtlasException;
import org.scjava.dsl.core.DenseMatrix;
import org.scjava.dsl.core.Matrix;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Principal component analysis of sparse X without densifying it (Pearson 1901; as scanpy 1.9 {@code pp.pca} with
 * its sparse arpack path, i.e. scikit-learn {@code PCA} on the centred data): implicit centring through
 * {@link CovarianceOperator}, the leading eigenpairs of {@code AᵀA} by {@link Lanczos} (default) or, for very many
 * cells, {@link SubspaceIteration} (scikit-learn's randomized solver). Signs follow scikit-learn's
 * {@code svd_flip}: the largest-magnitude score of each component is positive.
 *
 * <p><b>Reads</b> X; only {@code var["highly_variable"]} genes when that column exists (run
 * {@code highlyVariableGenes(n)} first, as scanpy); applies the implicit transform that {@code scale()} recorded.
 * <b>Writes</b> {@code obsm["X_pca"]} (cells × nComps, float32), {@code varm["PCs"]} (genes × nComps, zero rows
 * for unused genes), {@code uns["pca"] = {variance, variance_ratio, params}}. <b>Memory</b>: a working copy of
 * the used columns and its transpose (2 × 8 bytes per stored value) plus the Krylov basis (≤ a few hundred ×
 * genes doubles); X is never densified.
 */
public final class Pca {

    /** Eigen solver. AUTO = LANCZOS below {@link #RANDOMIZED_FROM_CELLS} cells, RANDOMIZED above. */
    public enum Solver { AUTO, LANCZOS, RANDOMIZED;

        public static Solver parse(String s) {
            try {
                return valueOf(s.toUpperCase(Locale.ROOT).replace("ARPACK", "LANCZOS"));
            } catch (IllegalArgumentException e) {
                throw new AtlasException("unknown PCA solver '" + s + "'; use auto, lanczos (arpack) or randomized");
            }
        }
    }

    /** Cell count from which AUTO picks the randomized solver. */
    public static final int RANDOMIZED_FROM_CELLS = 100_000;

    /** {@code useHighlyVariable}: null = use the HVG mask when present. */
    public record Options(int nComps, Solver solver, Boolean useHighlyVariable, long seed, String keyAdded) {
        public static Options defaults() {
            return new Options(50, Solver.AUTO, null, 0, "X_pca");
        }

        public Options withNComps(int v) {
            return new Options(v, solver, useHighlyVariable, seed, keyAdded);
        }

        public Options withSolver(Solver v) {
            return new Options(nComps, v, useHighlyVariable, seed, keyAdded);
        }

        public Options withUseHighlyVariable(Boolean v) {
            return new Options(nComps, solver, v, seed, keyAdded);
        }

        public Options withSeed(long v) {
            return new Options(nComps, solver, useHighlyVariable, v, keyAdded);
        }

        public Options withKeyAdded(String v) {
            return new Options(nComps, solver, useHighlyVariable, seed, v);
        }
    }

    /** Result on plain data: scores (cells × k), components (k × genes used), variances. */
    public record Result(DenseMatrix scores, double[][] components, double[] variance, double[] varianceRatio,
                         Solver solver, int steps) {
    }

    private Pca() {
    }

    /** Static form: PCA of columns {@code cols} of {@code x} under an optional scaling transform. */
    public static Result compute(Matrix x, int[] cols, Scale.Transform t, Options o) {
        int n = x.nRows();
        int k = o.nComps();
        if (k < 1 || k >= Math.min(n, cols.length)) {
            throw new AtlasException("pca: nComps must be in 1.." + (Math.min(n, cols.length) - 1) + " for "
                    + n + " cells and " + cols.length + " genes, got " + k);
        }
        CovarianceOperator op = new CovarianceOperator(x, cols, t);
        Solver solver = o.solver() != Solver.AUTO ? o.solver()
                : n >= RANDOMIZED_FROM_CELLS ? Solver.RANDOMIZED : Solver.LANCZOS;
        Eigenpairs e = solver == Solver.LANCZOS ? Lanczos.largest(op, k, 1e-10, o.seed())
                : SubspaceIteration.largest(op, k, Math.max(10, k / 2), 7, o.seed());
        float[] scores = op.project(e.vectors());
        flipSigns(scores, e.vectors(), n, k);
        double total = op.totalVariance();
        double[] var = new double[k];
        double[] ratio = new double[k];
        for (int c = 0; c < k; c++) {
            var[c] = Math.max(0, e.values()[c]) / (n - 1);
            ratio[c] = var[c] / total;
        }
        return new Result(new DenseMatrix(n, k, scores), e.vectors(), var, ratio, solver, e.steps());
    }

    public static AtlasData apply(AtlasData atlas, Options o) {
        long start = System.nanoTime();
        boolean[] hv = Columns.highlyVariableMask(atlas);
        boolean useHv = o.useHighlyVariable() == null ? hv != null : o.useHighlyVariable();
        if (useHv && hv == null) {
            throw new AtlasException("pca: useHighlyVariable is set but var['highly_variable'] is missing; "
                    + "run highlyVariableGenes(n) first");
        }
        int[] cols = useHv ? IntStream.range(0, hv.length).filter(i -> hv[i]).toArray() : range(atlas.nVars());
        int k = Math.min(o.nComps(), Math.min(atlas.nObs(), cols.length) - 1);
        Result r = compute(atlas.x(), cols, Scale.implicitTransform(atlas), o.withNComps(k));
        atlas.putObsm(o.keyAdded(), r.scores());
        float[] pcs = new float[atlas.nVars() * k];
        for (int c = 0; c < k; c++) {
            for (int i = 0; i < cols.length; i++) {
                pcs[cols[i] * k + c] = (float) r.components()[c][i];
            }
        }
        atlas.putVarm("PCs", new DenseMatrix(atlas.nVars(), k, pcs));
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("n_comps", k);
        params.put("zero_center", true);
        params.put("use_highly_variable", useHv);
        params.put("solver", r.solver().name().toLowerCase(Locale.ROOT));
        params.put("random_state", o.seed());
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("params", params);
        info.put("variance", r.variance());
        info.put("variance_ratio", r.varianceRatio());
        atlas.uns().put("pca", info);
        Map<String, Object> hist = new LinkedHashMap<>(params);
        hist.put("n_genes_used", cols.length);
        hist.put("operator_applications", r.steps());
        return atlas.record("pca", hist, start, "wrote obsm['" + o.keyAdded() + "'] (" + k + " comps on "
                + cols.length + " genes), varm['PCs'], uns['pca']");
    }

    /** scikit-learn's svd_flip (u-based): make the largest-|score| entry of each component positive. */
    private static void flipSigns(float[] scores, double[][] comps, int n, int k) {
        for (int c = 0; c < k; c++) {
            int best = 0;
            for (int i = 1; i < n; i++) {
                if (Math.abs(scores[i * k + c]) > Math.abs(scores[best * k + c])) {
                    best = i;
                }
            }
            if (scores[best * k + c] < 0) {
                for (int i = 0; i < n; i++) {
                    scores[i * k + c] = -scores[i * k + c];
                }
                Lanczos.scale(comps[c], -1);
            }
        }
    }

    static int[] range(int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = i;
        }
        return out;
    }
}
