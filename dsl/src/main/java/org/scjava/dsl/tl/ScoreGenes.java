package org.scjava.dsl.tl;

import org.scjava.dsl.core.AtlasData;
import org.scjava.dsl.core.AtlasException;
import org.scjava.dsl.core.CsrMatrix;
import org.scjava.dsl.core.Matrix;
import org.scjava.dsl.pp.ColumnStats;
import org.scjava.dsl.pp.Columns;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Gene-set score per cell: mean expression of the set minus the mean of a reference set drawn from genes of
 * similar average expression (Satija et al. 2015, doi:10.1038/nbt.3192; Tirosh et al. 2016), as scanpy 1.9
 * {@code tl.score_genes}: all genes binned into {@code nBins} expression bins by rank, {@code ctrlSize} control
 * genes drawn (seeded) from each bin the set touches, set genes excluded from the controls. The random draw
 * differs from numpy's, so the control set (not the method) differs from scanpy's for the same seed.
 *
 * <p><b>Reads</b> X (log-normalised; raw when present). <b>Writes</b> {@code obs[scoreName]} (default "score").
 * <b>Memory</b>: O(cells + genes).
 */
public final class ScoreGenes {

    public record Options(int ctrlSize, int nBins, long seed, String scoreName, Boolean useRaw) {
        public static Options defaults() {
            return new Options(50, 25, 0, "score", null);
        }

        public Options withCtrlSize(int v) {
            return new Options(v, nBins, seed, scoreName, useRaw);
        }

        public Options withNBins(int v) {
            return new Options(ctrlSize, v, seed, scoreName, useRaw);
        }

        public Options withSeed(long v) {
            return new Options(ctrlSize, nBins, v, scoreName, useRaw);
        }

        public Options withScoreName(String v) {
            return new Options(ctrlSize, nBins, seed, v, useRaw);
        }

        public Options withUseRaw(Boolean v) {
            return new Options(ctrlSize, nBins, seed, scoreName, v);
        }
    }

    private ScoreGenes() {
    }

    public static AtlasData apply(AtlasData atlas, Collection<String> geneSet, Options o) {
        long start = System.nanoTime();
        boolean useRaw = o.useRaw() == null ? atlas.raw() != null : o.useRaw();
        Matrix x = useRaw ? atlas.raw().x() : atlas.x();
        List<String> genes = useRaw ? atlas.raw().var().stringColumn(0).asList() : atlas.varNames();
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int j = 0; j < genes.size(); j++) {
            index.putIfAbsent(genes.get(j), j);
        }
        Set<Integer> set = new LinkedHashSet<>();
        List<String> missing = new ArrayList<>();
        for (String gName : geneSet) {
            Integer j = index.get(gName);
            if (j == null) {
                missing.add(gName);
            } else {
                set.add(j);
            }
        }
        if (set.isEmpty()) {
            throw new AtlasException("scoreGenes: none of the " + geneSet.size() + " genes is in var (e.g. "
                    + missing.subList(0, Math.min(3, missing.size())) + ")");
        }
        int[] control = controlGenes(ColumnStats.of(x).mean(), set, o);
        double[] score = new double[x.nRows()];
        double[] inSet = rowMeans(x, set.stream().mapToInt(Integer::intValue).toArray());
        double[] ctrl = rowMeans(x, control);
        for (int i = 0; i < score.length; i++) {
            score[i] = inSet[i] - ctrl[i];
        }
        Columns.putDoubles(atlas.obs(), o.scoreName(), score);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("n_genes_in_set", set.size());
        p.put("n_genes_missing", missing.size());
        p.put("n_control_genes", control.length);
        p.put("ctrl_size", o.ctrlSize());
        p.put("n_bins", o.nBins());
        p.put("random_state", o.seed());
        return atlas.record("scoreGenes", p, start, "wrote obs['" + o.scoreName() + "'] (" + set.size() + " genes, "
                + missing.size() + " not found)");
    }

    private static int[] controlGenes(double[] avg, Set<Integer> set, Options o) {
        int g = avg.length;
        Integer[] order = new Integer[g];
        for (int j = 0; j < g; j++) {
            order[j] = j;
        }
        Arrays.sort(order, (a, b) -> Double.compare(avg[a], avg[b]));
        int nItems = (int) Math.round(g / (double) (o.nBins() - 1));
        int[] cut = new int[g];
        for (int r = 0; r < g; r++) {
            // pandas rank(method="min"): ties share the lowest rank
            int minRank = r > 0 && avg[order[r]] == avg[order[r - 1]] ? -1 : r + 1;
            cut[order[r]] = minRank;
        }
        for (int r = 1; r < g; r++) {
            if (cut[order[r]] == -1) {
                cut[order[r]] = cut[order[r - 1]];
            }
        }
        for (int j = 0; j < g; j++) {
            cut[j] = cut[j] / Math.max(1, nItems);
        }
        SplittableRandom rnd = new SplittableRandom(o.seed());
        Set<Integer> control = new LinkedHashSet<>();
        for (int c : new LinkedHashSet<>(set.stream().map(j -> cut[j]).toList())) {
            List<Integer> pool = new ArrayList<>();
            for (int j = 0; j < g; j++) {
                if (cut[j] == c) {
                    pool.add(j);
                }
            }
            for (int i = pool.size() - 1; i > 0; i--) {
                int k = rnd.nextInt(i + 1);
                Integer t = pool.get(i);
                pool.set(i, pool.get(k));
                pool.set(k, t);
            }
            control.addAll(pool.subList(0, Math.min(o.ctrlSize(), pool.size())));
        }
        control.removeAll(set);
        if (control.isEmpty()) {
            throw new AtlasException("scoreGenes: no control genes left; the set covers its expression bins");
        }
        return control.stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    private static double[] rowMeans(Matrix x, int[] cols) {
        boolean[] in = new boolean[x.nCols()];
        for (int j : cols) {
            in[j] = true;
        }
        double[] out = new double[x.nRows()];
        float[] row = x instanceof CsrMatrix ? null : new float[x.nCols()];
        for (int i = 0; i < out.length; i++) {
            double s = 0;
            if (x instanceof CsrMatrix csr) {
                for (int k = csr.rowStart(i); k < csr.rowEnd(i); k++) {
                    s += in[csr.indices()[k]] ? csr.data()[k] : 0;
                }
            } else {
                x.rowInto(i, row);
                for (int j : cols) {
                    s += row[j];
                }
            }
            out[i] = s / cols.length;
        }
        return out;
    }
}
