package org.scjava.dsl.pp;

import org.scjava.dsl.core.Matrix;

import java.util.Arrays;

/** The {@code seurat} flavor of {@link HighlyVariableGenes}: binned, z-scored log dispersion (scanpy 1.9). */
final class SeuratDispersion {

    record Result(double[] means, double[] dispersions, double[] dispersionsNorm) {

        /** Genes whose normalised dispersion reaches the n-th largest (NaN counted as 0, as scanpy). */
        boolean[] topN(int n) {
            double[] finite = Arrays.stream(dispersionsNorm).filter(d -> !Double.isNaN(d)).sorted().toArray();
            double cut = finite[Math.max(0, finite.length - n)];
            boolean[] hv = new boolean[dispersionsNorm.length];
            for (int j = 0; j < hv.length; j++) {
                double d = Double.isNaN(dispersionsNorm[j]) ? 0 : dispersionsNorm[j];
                hv[j] = d >= cut;
            }
            return hv;
        }

        boolean[] byCutoffs(double minMean, double maxMean, double minDisp) {
            boolean[] hv = new boolean[means.length];
            for (int j = 0; j < hv.length; j++) {
                double d = Double.isNaN(dispersionsNorm[j]) ? 0 : dispersionsNorm[j];
                hv[j] = means[j] > minMean && means[j] < maxMean && d > minDisp;
            }
            return hv;
        }
    }

    private SeuratDispersion() {
    }

    static Result compute(Matrix logX, int nBins) {
        return fromStats(ColumnStats.of(logX, Math::expm1), nBins);
    }

    /** From the column stats of expm1(log X), i.e. of the normalised values. */
    static Result fromStats(ColumnStats s, int nBins) {
        int g = s.mean().length;
        double[] mean = new double[g];
        double[] disp = new double[g];
        for (int j = 0; j < g; j++) {
            double m = s.mean()[j] == 0 ? 1e-12 : s.mean()[j];
            double d = s.variance()[j] / m;
            disp[j] = d == 0 ? Double.NaN : Math.log(d);
            mean[j] = Math.log1p(m);
        }
        int[] bin = cut(mean, nBins);
        double[] binMean = new double[nBins];
        double[] binStd = new double[nBins];
        binStats(disp, bin, binMean, binStd);
        double[] norm = new double[g];
        for (int j = 0; j < g; j++) {
            norm[j] = (disp[j] - binMean[bin[j]]) / binStd[bin[j]];
        }
        return new Result(mean, disp, norm);
    }

    /** pandas.cut(values, nBins): equal-width right-closed bins, the lowest edge lowered by 0.1 % of the range. */
    static int[] cut(double[] v, int nBins) {
        double mn = Arrays.stream(v).min().orElse(0);
        double mx = Arrays.stream(v).max().orElse(0);
        double[] edges = new double[nBins + 1];
        for (int i = 0; i <= nBins; i++) {
            edges[i] = mn + (mx - mn) * i / nBins;
        }
        edges[0] -= (mx - mn) * 0.001;
        int[] bin = new int[v.length];
        for (int j = 0; j < v.length; j++) {
            int k = Arrays.binarySearch(edges, v[j]);
            // right-closed: a value equal to an edge belongs to the bin on its left
            int b = k >= 0 ? k - 1 : -k - 2;
            bin[j] = Math.min(nBins - 1, Math.max(0, b));
        }
        return bin;
    }

    /** Mean and sample sd of non-NaN values per bin; a bin with one gene gets mean 0, sd = its value (scanpy). */
    private static void binStats(double[] disp, int[] bin, double[] binMean, double[] binStd) {
        int nBins = binMean.length;
        double[] sum = new double[nBins];
        double[] sumSq = new double[nBins];
        int[] n = new int[nBins];
        for (int j = 0; j < disp.length; j++) {
            if (!Double.isNaN(disp[j])) {
                sum[bin[j]] += disp[j];
                n[bin[j]]++;
            }
        }
        for (int b = 0; b < nBins; b++) {
            binMean[b] = n[b] > 0 ? sum[b] / n[b] : Double.NaN;
        }
        for (int j = 0; j < disp.length; j++) {
            if (!Double.isNaN(disp[j])) {
                double d = disp[j] - binMean[bin[j]];
                sumSq[bin[j]] += d * d;
            }
        }
        for (int b = 0; b < nBins; b++) {
            if (n[b] >= 2) {
                binStd[b] = Math.sqrt(sumSq[b] / (n[b] - 1));
            } else {
                binStd[b] = binMean[b];
                binMean[b] = 0;
            }
        }
    }
}
