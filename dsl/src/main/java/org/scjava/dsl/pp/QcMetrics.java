package org.scjava.dsl.pp;

import org.scjava.dsl.core.AtlasData;
import org.scjava.dsl.core.CsrMatrix;
import org.scjava.dsl.core.DenseMatrix;
import org.scjava.dsl.core.Matrix;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-cell and per-gene quality-control metrics, named as scanpy 1.9 {@code pp.calculate_qc_metrics}
 * (McCarthy et al. 2017, scater, doi:10.1093/bioinformatics/btw777).
 *
 * <p><b>Reads</b> {@code layers["counts"]} when present, else X (run it on counts). <b>Writes</b>
 * {@code obs["n_genes_by_counts"]}, {@code obs["total_counts"]}, {@code obs["total_counts_mt"]},
 * {@code obs["pct_counts_mt"]}; {@code var["mt"]}, {@code var["n_cells_by_counts"]}, {@code var["mean_counts"]},
 * {@code var["pct_dropout_by_counts"]}, {@code var["total_counts"]}. Mitochondrial genes are those whose name
 * starts with the prefix ({@code "MT-"} human, {@code "mt-"} mouse; {@code null} picks whichever occurs).
 * <b>Memory</b>: O(cells + genes).
 */
public final class QcMetrics {

    public record Options(String mitoPrefix) {
        public static Options defaults() {
            return new Options(null);
        }

        /** Prefix of mitochondrial gene names, e.g. "MT-" (human) or "mt-" (mouse); null = detect. */
        public Options withMitoPrefix(String v) {
            return new Options(v);
        }
    }

    private QcMetrics() {
    }

    public static AtlasData apply(AtlasData atlas, Options o) {
        long start = System.nanoTime();
        Matrix m = atlas.layers().containsKey("counts") ? atlas.layer("counts") : atlas.x();
        List<String> genes = atlas.varNames();
        String prefix = o.mitoPrefix() != null ? o.mitoPrefix() : detectPrefix(genes);
        boolean[] mt = new boolean[genes.size()];
        for (int j = 0; j < mt.length; j++) {
            mt[j] = genes.get(j).startsWith(prefix);
        }
        int n = m.nRows();
        int g = m.nCols();
        double[] total = new double[n];
        double[] totalMt = new double[n];
        double[] nGenes = new double[n];
        double[] geneTotal = new double[g];
        double[] geneCells = new double[g];
        float[] row = m instanceof DenseMatrix ? new float[g] : null;
        for (int i = 0; i < n; i++) {
            if (m instanceof CsrMatrix csr) {
                for (int k = csr.rowStart(i); k < csr.rowEnd(i); k++) {
                    accumulate(i, csr.indices()[k], csr.data()[k], mt, total, totalMt, nGenes, geneTotal, geneCells);
                }
            } else {
                m.rowInto(i, row);
                for (int j = 0; j < g; j++) {
                    accumulate(i, j, row[j], mt, total, totalMt, nGenes, geneTotal, geneCells);
                }
            }
        }
        double[] pctMt = new double[n];
        for (int i = 0; i < n; i++) {
            pctMt[i] = total[i] > 0 ? 100.0 * totalMt[i] / total[i] : 0;
        }
        double[] meanCounts = new double[g];
        double[] dropout = new double[g];
        for (int j = 0; j < g; j++) {
            meanCounts[j] = geneTotal[j] / n;
            dropout[j] = 100.0 * (1 - geneCells[j] / n);
        }
        Columns.putDoubles(atlas.obs(), "n_genes_by_counts", nGenes);
        Columns.putDoubles(atlas.obs(), "total_counts", total);
        Columns.putDoubles(atlas.obs(), "total_counts_mt", totalMt);
        Columns.putDoubles(atlas.obs(), "pct_counts_mt", pctMt);
        Columns.putBooleans(atlas.var(), "mt", mt);
        Columns.putDoubles(atlas.var(), "n_cells_by_counts", geneCells);
        Columns.putDoubles(atlas.var(), "mean_counts", meanCounts);
        Columns.putDoubles(atlas.var(), "pct_dropout_by_counts", dropout);
        Columns.putDoubles(atlas.var(), "total_counts", geneTotal);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("mito_prefix", prefix);
        p.put("n_mito_genes", count(mt));
        return atlas.record("qcMetrics", p, start, "wrote obs['n_genes_by_counts','total_counts','pct_counts_mt'] and "
                + "var QC columns (" + count(mt) + " '" + prefix + "' genes)");
    }

    private static void accumulate(int i, int j, float v, boolean[] mt, double[] total, double[] totalMt,
                                   double[] nGenes, double[] geneTotal, double[] geneCells) {
        if (v == 0) {
            return;
        }
        total[i] += v;
        nGenes[i]++;
        geneTotal[j] += v;
        geneCells[j]++;
        if (mt[j]) {
            totalMt[i] += v;
        }
    }

    static String detectPrefix(List<String> genes) {
        for (String s : genes) {
            if (s.startsWith("MT-")) {
                return "MT-";
            }
        }
        for (String s : genes) {
            if (s.startsWith("mt-")) {
                return "mt-";
            }
        }
        return "MT-";
    }

    private static int count(boolean[] b) {
        int c = 0;
        for (boolean v : b) {
            c += v ? 1 : 0;
        }
        return c;
    }
}
