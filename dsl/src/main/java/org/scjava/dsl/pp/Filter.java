package org.scjava.dsl.pp;

import org.scjava.dsl.core.AtlasData;
import org.scjava.dsl.core.AtlasException;
import org.scjava.dsl.core.CsrMatrix;
import org.scjava.dsl.core.Matrix;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Cell and gene filters by counts and detected features, as scanpy 1.9 {@code pp.filter_cells} /
 * {@code pp.filter_genes} (a value counts as detected when it is &gt; 0).
 *
 * <p><b>Reads</b> X. <b>Returns</b> a new Atlas (a subset: every slot sliced, history carried over) because the
 * shape changes; the original is untouched. <b>Writes</b> {@code obs["n_genes"]}, {@code obs["n_counts"]} /
 * {@code var["n_cells"]}, {@code var["n_counts"]} on the result. <b>Memory</b>: the subset's copy of X.
 */
public final class Filter {

    /** Bounds; a bound of -1 is not applied. Min bounds are inclusive, max bounds inclusive (as scanpy). */
    public record Options(double minCounts, double maxCounts, int minFeatures, int maxFeatures) {
        public static Options defaults() {
            return new Options(-1, -1, -1, -1);
        }

        public Options withMinCounts(double v) {
            return new Options(v, maxCounts, minFeatures, maxFeatures);
        }

        public Options withMaxCounts(double v) {
            return new Options(minCounts, v, minFeatures, maxFeatures);
        }

        /** Min genes per cell (filterCells) or min cells per gene (filterGenes). */
        public Options withMinFeatures(int v) {
            return new Options(minCounts, maxCounts, v, maxFeatures);
        }

        public Options withMaxFeatures(int v) {
            return new Options(minCounts, maxCounts, minFeatures, v);
        }
    }

    private Filter() {
    }

    /** Keeps cells within the bounds (features = genes detected in the cell). */
    public static AtlasData cells(AtlasData atlas, Options o) {
        long start = System.nanoTime();
        double[][] s = rowStats(atlas.x());
        boolean[] keep = mask(s[0], s[1], o, "filterCells");
        AtlasData out = atlas.subset(keep);
        Columns.putDoubles(out.obs(), "n_genes", select(s[1], keep));
        Columns.putDoubles(out.obs(), "n_counts", select(s[0], keep));
        return out.record("filterCells", params(o), start,
                "kept " + out.nObs() + " of " + atlas.nObs() + " cells");
    }

    /** Keeps genes within the bounds (features = cells in which the gene is detected). */
    public static AtlasData genes(AtlasData atlas, Options o) {
        long start = System.nanoTime();
        Matrix x = atlas.x();
        double[][] s = x instanceof CsrMatrix csr ? rowStats(csr.transpose()) : columnStatsDense(x);
        boolean[] keep = mask(s[0], s[1], o, "filterGenes");
        AtlasData out = atlas.subsetVars(keep);
        Columns.putDoubles(out.var(), "n_cells", select(s[1], keep));
        Columns.putDoubles(out.var(), "n_counts", select(s[0], keep));
        return out.record("filterGenes", params(o), start,
                "kept " + out.nVars() + " of " + atlas.nVars() + " genes");
    }

    private static boolean[] mask(double[] counts, double[] features, Options o, String verb) {
        if (o.minCounts() < 0 && o.maxCounts() < 0 && o.minFeatures() < 0 && o.maxFeatures() < 0) {
            throw new AtlasException(verb + ": give at least one bound (e.g. withMinFeatures(200))");
        }
        boolean[] keep = new boolean[counts.length];
        for (int i = 0; i < keep.length; i++) {
            keep[i] = (o.minCounts() < 0 || counts[i] >= o.minCounts())
                    && (o.maxCounts() < 0 || counts[i] <= o.maxCounts())
                    && (o.minFeatures() < 0 || features[i] >= o.minFeatures())
                    && (o.maxFeatures() < 0 || features[i] <= o.maxFeatures());
        }
        return keep;
    }

    /** [sums, number of values &gt; 0] per row. */
    private static double[][] rowStats(Matrix m) {
        double[] sum = new double[m.nRows()];
        double[] nz = new double[m.nRows()];
        float[] row = m instanceof CsrMatrix ? null : new float[m.nCols()];
        for (int i = 0; i < sum.length; i++) {
            if (m instanceof CsrMatrix csr) {
                for (int k = csr.rowStart(i); k < csr.rowEnd(i); k++) {
                    sum[i] += csr.data()[k];
                    nz[i] += csr.data()[k] > 0 ? 1 : 0;
                }
            } else {
                m.rowInto(i, row);
                for (float v : row) {
                    sum[i] += v;
                    nz[i] += v > 0 ? 1 : 0;
                }
            }
        }
        return new double[][] {sum, nz};
    }

    private static double[][] columnStatsDense(Matrix m) {
        double[] sum = new double[m.nCols()];
        double[] nz = new double[m.nCols()];
        float[] row = new float[m.nCols()];
        for (int i = 0; i < m.nRows(); i++) {
            m.rowInto(i, row);
            for (int j = 0; j < row.length; j++) {
                sum[j] += row[j];
                nz[j] += row[j] > 0 ? 1 : 0;
            }
        }
        return new double[][] {sum, nz};
    }

    private static Map<String, Object> params(Options o) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("min_counts", o.minCounts());
        p.put("max_counts", o.maxCounts());
        p.put("min_features", o.minFeatures());
        p.put("max_features", o.maxFeatures());
        return p;
    }

    private static double[] select(double[] v, boolean[] keep) {
        return IntStream.range(0, v.length).filter(i -> keep[i]).mapToDouble(i -> v[i]).toArray();
    }
}
